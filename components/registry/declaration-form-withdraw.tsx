"use client";

import { useTranslations } from "next-intl";
import { TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Action } from "@/lib/actions/safe-action";

/** Withdraws the declaration for good, with a public note saying why. */
export function WithdrawDeclarationForm({
  action,
  number,
}: {
  action: Action<void>;
  number: number;
}) {
  const t = useTranslations("registry.edit");
  const form = useActionForm(action);
  return (
    <form {...form.formProps} noValidate className="max-w-2xl">
      <input type="hidden" name="number" value={number} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <TextAreaField
        id="note"
        label={t("withdrawNote")}
        required
        rows={3}
        maxLength={2000}
        error={form.fieldError("note")}
      />
      <p className="mb-4 text-sm">
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            name="confirm"
            required
            aria-invalid={form.fieldError("confirm") ? true : undefined}
            aria-describedby={form.fieldError("confirm") ? "confirm-error" : undefined}
            className="mt-1"
          />
          <span>{t("withdrawConfirm")}</span>
        </label>
        {form.fieldError("confirm") ? (
          <span id="confirm-error" className="mt-1 block text-danger">
            {form.fieldError("confirm")}
          </span>
        ) : null}
      </p>
      <SubmitButton variant="danger" pendingLabel={t("withdrawing")}>
        {t("withdraw")}
      </SubmitButton>
    </form>
  );
}
