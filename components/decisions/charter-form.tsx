"use client";

import { useTranslations } from "next-intl";
import { setCharterAction } from "@/app/decisions/actions";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Charter } from "@/lib/decisions/rules";

export function CharterForm({ standardId, charter }: { standardId: string; charter: Charter }) {
  const t = useTranslations("decisions");
  const form = useActionForm(setCharterAction);
  const fields = ["commentPeriodDays", "quorum", "agDeadlineDays", "appealWindowDays"] as const;
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="standardId" value={standardId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <div className="grid gap-x-4 sm:grid-cols-4">
        {fields.map((field) => (
          <TextField
            key={field}
            id={field}
            label={t(`charter.${field}`)}
            inputMode="numeric"
            defaultValue={String(charter[field])}
            error={form.fieldError(field)}
          />
        ))}
      </div>
      <p className="mb-3 text-sm text-muted">{t("charter.explained")}</p>
      <SubmitButton pendingLabel={t("saving")}>{t("charter.save")}</SubmitButton>
    </form>
  );
}
