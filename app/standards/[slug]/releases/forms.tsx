"use client";

import { useTranslations } from "next-intl";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { prepareReleaseAction, withdrawReleaseAction } from "./actions";

export function PrepareReleaseForm({
  standardId,
  slug,
  suggested,
  bump,
}: {
  standardId: string;
  slug: string;
  suggested: string;
  bump: string;
}) {
  const t = useTranslations("releases.prepare");
  const form = useActionForm(prepareReleaseAction);
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="standardId" value={standardId} />
      <input type="hidden" name="slug" value={slug} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <TextField
        id="version"
        label={t("version")}
        hint={t("versionHint", { version: suggested, bump })}
        defaultValue={suggested}
        required
        error={form.fieldError("version")}
      />
      <TextAreaField
        id="notes"
        label={t("notes")}
        rows={5}
        maxLength={10000}
        error={form.fieldError("notes")}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("submit")}</SubmitButton>
    </form>
  );
}

export function WithdrawReleaseForm({ releaseId, label }: { releaseId: string; label: string }) {
  const t = useTranslations("releases");
  const form = useActionForm(withdrawReleaseAction);
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-sm text-danger">{label}</summary>
      <form {...form.formProps} noValidate className="mt-2 max-w-xl">
        <input type="hidden" name="releaseId" value={releaseId} />
        {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
        <TextField
          id={`reason-${releaseId}`}
          name="reason"
          label={t("withdrawReason")}
          required
          error={form.fieldError("reason")}
        />
        <SubmitButton variant="danger" pendingLabel={t("prepare.saving")}>
          {label}
        </SubmitButton>
      </form>
    </details>
  );
}
