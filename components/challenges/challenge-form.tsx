"use client";

import { useTranslations } from "next-intl";
import { TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Action } from "@/lib/actions/safe-action";
import { WithholdField } from "./withhold-field";

export type ClauseChoice = { ref: string; title: string };

/** Challenges a listed declaration: which clauses, what is wrong, and the evidence. */
export function ChallengeForm({
  action,
  number,
  clauses,
}: {
  action: Action<{ number: number }>;
  number: number;
  clauses: ClauseChoice[];
}) {
  const t = useTranslations("challenges.file");
  const form = useActionForm(action);
  const clauseError = form.fieldError("clauses");
  return (
    <form {...form.formProps} noValidate className="max-w-2xl">
      <input type="hidden" name="number" value={number} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <fieldset
        className="mb-4"
        aria-describedby={clauseError ? "clauses-hint clauses-error" : "clauses-hint"}
        aria-invalid={clauseError ? true : undefined}
      >
        <legend className="text-sm font-medium">{t("clauses")}</legend>
        <p id="clauses-hint" className="mt-1 text-sm text-muted">
          {t("clausesHint")}
        </p>
        <label className="mt-2 flex items-start gap-2">
          <input type="checkbox" name="whole" className="mt-1" />
          <span className="font-medium">{t("whole")}</span>
        </label>
        <ul className="mt-2 space-y-1">
          {clauses.map((clause) => (
            <li key={clause.ref}>
              <label className="flex items-start gap-2">
                <input type="checkbox" name={`clause.${clause.ref}`} className="mt-1" />
                <span>
                  <span className="font-mono text-sm">{clause.ref}</span> {clause.title}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {clauseError ? (
          <p id="clauses-error" className="mt-1 text-sm font-medium text-danger">
            {clauseError}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        id="reason"
        label={t("reason")}
        hint={t("reasonHint")}
        required
        rows={6}
        maxLength={5000}
        error={form.fieldError("reason")}
      />
      <TextAreaField
        id="evidence"
        label={t("evidence")}
        hint={t("evidenceHint")}
        rows={3}
        error={form.fieldError("evidence")}
      />
      <WithholdField />
      <SubmitButton pendingLabel={t("filing")}>{t("submit")}</SubmitButton>
    </form>
  );
}
