"use client";

import { useTranslations } from "next-intl";
import { openCallAction } from "@/app/decisions/actions";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";

export function OpenCallForm({
  standardId,
  slug,
  clauses,
  clauseRef,
}: {
  standardId: string;
  slug: string;
  clauses: { ref: string; title: string }[];
  clauseRef: string;
}) {
  const t = useTranslations("decisions");
  const form = useActionForm(openCallAction);
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="standardId" value={standardId} />
      <input type="hidden" name="slug" value={slug} />
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
          error={form.fieldError("clauseRef")}
        >
          <option value="">{t("fields.noClause")}</option>
          {clauses.map((clause) => (
            <option key={clause.ref} value={clause.ref}>
              {clause.ref} {clause.title}
            </option>
          ))}
        </SelectField>
        <TextField
          id="revision"
          label={t("fields.revision")}
          hint={t("fields.revisionHint")}
          inputMode="numeric"
          error={form.fieldError("revision")}
        />
      </div>
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
