"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Action } from "@/lib/actions/safe-action";
import { WithholdField } from "./withhold-field";

/** Reports someone showing the mark without a listing. */
export function MisuseForm({
  action,
  standards,
}: {
  action: Action<{ number: number }>;
  standards: { slug: string; name: string }[];
}) {
  const t = useTranslations("challenges.report");
  const form = useActionForm(action);
  return (
    <form {...form.formProps} noValidate className="max-w-2xl">
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SelectField
        id="standard"
        label={t("standard")}
        required
        defaultValue={standards.length === 1 ? standards[0]?.slug : ""}
        error={form.fieldError("standard")}
      >
        {standards.length === 1 ? null : <option value="">{t("chooseStandard")}</option>}
        {standards.map((standard) => (
          <option key={standard.slug} value={standard.slug}>
            {standard.name}
          </option>
        ))}
      </SelectField>
      <TextField
        id="subjectName"
        label={t("subjectName")}
        hint={t("subjectNameHint")}
        required
        maxLength={200}
        error={form.fieldError("subjectName")}
      />
      <TextField
        id="seenAt"
        label={t("seenAt")}
        hint={t("seenAtHint")}
        required
        maxLength={500}
        error={form.fieldError("seenAt")}
      />
      <TextField
        id="subjectUrl"
        type="url"
        label={t("subjectUrl")}
        required
        maxLength={2000}
        error={form.fieldError("subjectUrl")}
      />
      <TextAreaField
        id="reason"
        label={t("reason")}
        hint={t("reasonHint")}
        required
        rows={5}
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
      <SubmitButton pendingLabel={t("sending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
