"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { openCallAction } from "@/app/decisions/actions";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";

/** A clause's latest revision as the form shows it; `when` is already worded, in UTC. */
export type LatestRevisionView = {
  number: number;
  when: string;
  by: string | null;
  note: string;
  /** The working text is still this revision. */
  current: boolean;
};

/** The number to propose: the latest revision when it is the text as it stands. */
const prefill = (latest: LatestRevisionView | undefined) =>
  latest?.current ? String(latest.number) : "";

export function OpenCallForm({
  standardId,
  slug,
  clauses,
  clauseRef,
  latest,
}: {
  standardId: string;
  slug: string;
  clauses: { ref: string; title: string }[];
  clauseRef: string;
  latest: Record<string, LatestRevisionView>;
}) {
  const t = useTranslations("decisions");
  const form = useActionForm(openCallAction);
  const [clause, setClause] = useState(clauseRef);
  const [revision, setRevision] = useState(() => prefill(latest[clauseRef]));
  const shown = latest[clause];
  const saved = shown ? { number: shown.number, when: shown.when, note: shown.note } : null;
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="standardId" value={standardId} />
      <input type="hidden" name="slug" value={slug} />
      {/* Tells the server which clause the number was filled in for (see openCallSchema). */}
      <input type="hidden" name="revisionOf" value={clause} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SelectField
        id="kind"
        label={t("fields.kind")}
        defaultValue={clauseRef ? "clause_revision" : "question"}
        error={form.fieldError("kind")}
      >
        <option value="clause_revision">{t("kinds.clause_revision")}</option>
        <option value="question">{t("kinds.question")}</option>
      </SelectField>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField
          id="clauseRef"
          label={t("fields.clause")}
          hint={t("fields.clauseHint")}
          defaultValue={clauseRef}
          onChange={(event) => {
            setClause(event.target.value);
            setRevision(prefill(latest[event.target.value]));
          }}
          error={form.fieldError("clauseRef")}
        >
          <option value="">{t("fields.noClause")}</option>
          {clauses.map((option) => (
            <option key={option.ref} value={option.ref}>
              {option.ref} {option.title}
            </option>
          ))}
        </SelectField>
        <TextField
          id="revision"
          label={t("fields.revision")}
          hint={t("fields.revisionHint")}
          inputMode="numeric"
          value={revision}
          onChange={(event) => setRevision(event.target.value)}
          error={form.fieldError("revision")}
        />
      </div>
      {shown && saved ? (
        <div
          aria-live="polite"
          className="mb-4 rounded-md border border-line bg-white px-4 py-3 text-sm"
        >
          <p className="font-medium">
            {shown.current
              ? t("latestRevision.current", { number: shown.number, ref: clause })
              : t("latestRevision.changed", {
                  number: shown.number,
                  ref: clause,
                  next: shown.number + 1,
                })}
          </p>
          <p className="mt-1 text-muted">
            {shown.by
              ? t("latestRevision.savedBy", { ...saved, by: shown.by })
              : t("latestRevision.saved", saved)}
          </p>
        </div>
      ) : null}
      <TextField
        id="title"
        label={t("fields.title")}
        required
        maxLength={200}
        error={form.fieldError("title")}
      />
      <TextAreaField
        id="description"
        label={t("fields.description")}
        rows={5}
        maxLength={5000}
        error={form.fieldError("description")}
      />
      <TextField
        id="organisations"
        label={t("fields.organisations")}
        hint={t("fields.organisationsHint")}
        maxLength={500}
        error={form.fieldError("organisations")}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("open")}</SubmitButton>
    </form>
  );
}
