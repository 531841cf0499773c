"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextAreaField } from "@/components/ui/field";
import type { Answer } from "@/lib/registry/rules";

/** A required clause as the edit form shows it: enough to answer it, and a link to it all. */
export type ClauseToAnswer = {
  ref: string;
  title: string;
  strength: "MUST" | "SHOULD" | "MAY";
  level: string | null;
  excerpt: string;
  href: string;
  releaseVersion: string;
  /** The latest review's comment on this clause, if any. */
  comment: string | null;
};

/** One clause's answer: the choice, the justification and the evidence, errors beside each. */
export function AnswerFields({
  clause,
  answer,
  fieldError,
}: {
  clause: ClauseToAnswer;
  answer: Answer | undefined;
  fieldError: (name: string) => string | undefined;
}) {
  const t = useTranslations("registry.edit");
  const field = (part: string) => `answers.${clause.ref}.${part}`;
  // A MUST clause is met or does not apply; only SHOULD and MAY clauses may go unmet.
  const kinds =
    clause.strength === "MUST" ? ["met", "not_applicable"] : ["met", "not_applicable", "not_met"];
  return (
    <article id={clause.ref} className="scroll-mt-4 rounded-lg border border-line bg-white p-4">
      <h3 className="font-semibold">
        <span className="font-mono">{clause.ref}</span> {clause.title}
      </h3>
      <p className="mb-2 text-sm text-muted">
        {t("strength", { strength: clause.strength })}
        {clause.level ? ` · ${t("fromLevel", { level: clause.level })}` : null}
      </p>
      {clause.excerpt ? <p className="mb-2 text-sm">{clause.excerpt}</p> : null}
      <p className="mb-3 text-sm">
        <a href={clause.href} className="underline">
          {t("readClause", { ref: clause.ref, version: clause.releaseVersion })}
        </a>
      </p>
      {clause.comment ? (
        <div className="mb-3 rounded-md border border-line bg-amber-50 p-3 text-sm">
          <p className="font-medium">{t("reviewComment")}</p>
          <p className="whitespace-pre-line">{clause.comment}</p>
        </div>
      ) : null}
      <SelectField
        id={field("answer")}
        label={t("answer")}
        defaultValue={answer?.answer ?? ""}
        error={fieldError(field("answer"))}
      >
        <option value="">{t("answers.none")}</option>
        {kinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`answers.${kind as "met"}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={field("justification")}
        label={t("justification")}
        hint={t("justificationHint")}
        rows={3}
        maxLength={2000}
        defaultValue={answer?.justification ?? ""}
        error={fieldError(field("justification"))}
      />
      <TextAreaField
        id={field("evidence")}
        label={t("evidence")}
        hint={t("evidenceHint")}
        rows={2}
        defaultValue={answer?.evidence.join("\n") ?? ""}
        error={fieldError(field("evidence"))}
      />
    </article>
  );
}
