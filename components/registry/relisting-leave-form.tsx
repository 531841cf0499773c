"use client";

import { useTranslations } from "next-intl";
import { TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Action } from "@/lib/actions/safe-action";

/** The advisory group's leave to list a struck-off product again, with a public reason. */
export function RelistingLeaveForm({
  action,
  number,
  until,
}: {
  action: Action<void>;
  number: number;
  /** The day the ban ends, already in words. */
  until: string;
}) {
  const t = useTranslations("registryRelisting");
  const form = useActionForm(action);
  return (
    <form {...form.formProps} noValidate className="max-w-2xl">
      <input type="hidden" name="number" value={number} />
      <p className="mb-3 text-sm">{t("barred", { until })}</p>
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <TextAreaField
        id="reason"
        label={t("reason")}
        required
        rows={3}
        maxLength={2000}
        error={form.fieldError("reason")}
      />
      <SubmitButton variant="secondary" pendingLabel={t("granting")}>
        {t("grant")}
      </SubmitButton>
    </form>
  );
}
