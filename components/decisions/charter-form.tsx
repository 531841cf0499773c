"use client";

import { useTranslations } from "next-intl";
import { proposeCharterAction, setFoundingCharterAction } from "@/app/decisions/actions";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Charter } from "@/lib/decisions/rules";

const fields = ["commentPeriodDays", "quorum", "agDeadlineDays", "appealWindowDays"] as const;

function CharterFields({
  prefix,
  charter,
  fieldError,
}: {
  prefix: string;
  charter: Charter;
  fieldError: (name: string) => string | undefined;
}) {
  const t = useTranslations("decisions");
  return (
    <div className="grid gap-x-4 sm:grid-cols-4">
      {fields.map((field) => (
        <TextField
          key={field}
          id={`${prefix}-${field}`}
          name={field}
          label={t(`charter.${field}`)}
          inputMode="numeric"
          defaultValue={String(charter[field])}
          error={fieldError(field)}
        />
      ))}
    </div>
  );
}

/** New numbers for the charter, proposed by anyone signed in and decided by a call. */
export function CharterProposalForm({
  standardId,
  slug,
  charter,
}: {
  standardId: string;
  slug: string;
  charter: Charter;
}) {
  const t = useTranslations("decisions");
  const form = useActionForm(proposeCharterAction);
  const refusal = form.fieldError("charter");
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="standardId" value={standardId} />
      <input type="hidden" name="slug" value={slug} />
      {refusal ? <Notice tone="error">{refusal}</Notice> : null}
      {!refusal && form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <CharterFields prefix="propose" charter={charter} fieldError={form.fieldError} />
      <TextAreaField
        id="charter-reason"
        name="reason"
        label={t("charter.reason")}
        rows={3}
        required
        maxLength={2000}
        error={form.fieldError("reason")}
      />
      <p className="mb-3 text-sm text-muted">{t("charter.explained")}</p>
      <SubmitButton pendingLabel={t("saving")}>{t("charter.propose")}</SubmitButton>
    </form>
  );
}

/** The secretariat's first numbers for a standard that has adopted nothing yet. */
export function FoundingCharterForm({
  standardId,
  charter,
}: {
  standardId: string;
  charter: Charter;
}) {
  const t = useTranslations("decisions");
  const form = useActionForm(setFoundingCharterAction);
  const refusal = form.fieldError("charter");
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="standardId" value={standardId} />
      {refusal ? <Notice tone="error">{refusal}</Notice> : null}
      {!refusal && form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <CharterFields prefix="founding" charter={charter} fieldError={form.fieldError} />
      <p className="mb-3 text-sm text-muted">{t("charter.foundingExplained")}</p>
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("charter.save")}
      </SubmitButton>
    </form>
  );
}
