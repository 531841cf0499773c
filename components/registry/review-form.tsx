"use client";

import { useTranslations } from "next-intl";
import { TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Action } from "@/lib/actions/safe-action";

export type AnswerToReview = {
  ref: string;
  title: string;
  strength: string;
  href: string;
  answer: string;
  justification: string;
  evidence: string[];
};

/** The pending version, clause by clause, with a comment box for each and the two verdicts. */
export function ReviewForm({
  action,
  number,
  answers,
}: {
  action: Action<{ verdict: "approved" | "changes_requested" }>;
  number: number;
  answers: AnswerToReview[];
}) {
  const t = useTranslations("registry.review");
  const tEdit = useTranslations("registry.edit");
  const form = useActionForm(action);
  return (
    <form {...form.formProps} noValidate>
      <input type="hidden" name="number" value={number} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <div className="space-y-4">
        {answers.map((answer) => (
          <article
            key={answer.ref}
            id={answer.ref}
            className="scroll-mt-4 rounded-lg border border-line bg-white p-4"
          >
            <h2 className="font-semibold">
              <a href={answer.href} className="font-mono underline">
                {answer.ref}
              </a>{" "}
              {answer.title}
            </h2>
            <p className="mb-2 text-sm text-muted">
              {answer.strength} · {tEdit(`answers.${answer.answer as "met"}`)}
            </p>
            <p className="mb-2 whitespace-pre-line">{answer.justification}</p>
            {answer.evidence.length > 0 ? (
              <ul className="mb-3 list-disc pl-5 text-sm">
                {answer.evidence.map((url) => (
                  <li key={url}>
                    <a href={url} className="underline" rel="noopener noreferrer nofollow">
                      {url}
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mb-3 text-sm text-muted">{t("noEvidence")}</p>
            )}
            <TextAreaField
              id={`comments.${answer.ref}`}
              label={t("comment", { ref: answer.ref })}
              rows={2}
              maxLength={2000}
              error={form.fieldError(`comments.${answer.ref}`)}
            />
          </article>
        ))}
      </div>
      <div className="mt-6 max-w-2xl">
        <TextAreaField
          id="comment"
          label={t("overall")}
          rows={3}
          maxLength={2000}
          error={form.fieldError("comment")}
        />
      </div>
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="verdict" value="approved" pendingLabel={t("sending")}>
          {t("approve")}
        </SubmitButton>
        <SubmitButton
          name="verdict"
          value="changes_requested"
          variant="secondary"
          pendingLabel={t("sending")}
        >
          {t("requestChanges")}
        </SubmitButton>
      </div>
    </form>
  );
}
