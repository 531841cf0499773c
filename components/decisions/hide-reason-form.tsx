"use client";

import { useTranslations } from "next-intl";
import { hidePositionReasonAction } from "@/app/standards/[slug]/calls/[number]/moderation-actions";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";

/** For advisory-group members: hide a position's reason, with a public reason for hiding it. */
export function HidePositionReasonForm({ reasonId }: { reasonId: string }) {
  const t = useTranslations("decisions");
  const form = useActionForm(hidePositionReasonAction);
  return (
    <details className="mt-1 text-sm">
      <summary className="cursor-pointer text-danger">{t("hideReason")}</summary>
      <form {...form.formProps} noValidate className="mt-2">
        <input type="hidden" name="reasonId" value={reasonId} />
        {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
        <TextField
          id={`hide-reason-${reasonId}`}
          name="reason"
          label={t("hideReasonWhy")}
          required
          error={form.fieldError("reason")}
        />
        <SubmitButton variant="danger" pendingLabel={t("hiding")}>
          {t("confirmHideReason")}
        </SubmitButton>
      </form>
    </details>
  );
}
