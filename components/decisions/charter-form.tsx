"use client";

import { useTranslations } from "next-intl";
import { proposeCharterAction, setFoundingCharterAction } from "@/app/decisions/actions";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Charter } from "@/lib/decisions/rules";

const fields = ["commentPeriodDays", "quorum", "agDeadlineDays", "appealWindowDays"] as const;
const markFields = ["listingTermMonths", "transitionDays"] as const;
const challengeFields = ["challengeResponseDays", "relistingBanDays"] as const;

/**
 * Every number of the charter, filled with the ones in force: a proposal carries all of them,
 * so changing one never quietly resets another.
 */
function CharterFields({
  prefix,
  charter,
  levels,
  fieldError,
}: {
  prefix: string;
  charter: Charter;
  /** The standard's level names, lowest first: a review may start at any of them. */
  levels: string[];
  fieldError: (name: string) => string | undefined;
}) {
  const t = useTranslations("decisions");
  const numberField = (
    field: (typeof fields)[number] | (typeof markFields)[number] | (typeof challengeFields)[number],
  ) => (
    <TextField
      key={field}
      id={`${prefix}-${field}`}
      name={field}
      label={t(`charter.${field}`)}
      inputMode="numeric"
      defaultValue={String(charter[field])}
      error={fieldError(field)}
    />
  );
  // A level renamed since the charter named it stays choosable, so the form keeps it as it is.
  const reviewLevels = ["none", "all", ...levels].includes(charter.declarationReview)
    ? levels
    : [...levels, charter.declarationReview];
  return (
    <>
      <div className="grid gap-x-4 sm:grid-cols-4">{fields.map(numberField)}</div>
      <div className="grid gap-x-4 sm:grid-cols-3">
        {markFields.map(numberField)}
        <SelectField
          id={`${prefix}-declarationReview`}
          name="declarationReview"
          label={t("charter.declarationReview")}
          defaultValue={charter.declarationReview}
          error={fieldError("declarationReview")}
        >
          <option value="none">{t("charter.review.none")}</option>
          <option value="all">{t("charter.review.all")}</option>
          {reviewLevels.map((level) => (
            <option key={level} value={level}>
              {t("charter.review.from", { level })}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="grid gap-x-4 sm:grid-cols-3">
        {challengeFields.map(numberField)}
        <p className="mb-4 self-end text-sm">
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              id={`${prefix}-challengeOnBadge`}
              name="challengeOnBadge"
              defaultChecked={charter.challengeOnBadge}
              className="mt-1"
            />
            <span>{t("charter.challengeOnBadge")}</span>
          </label>
        </p>
      </div>
    </>
  );
}

/** New numbers for the charter, proposed by anyone signed in and decided by a call. */
export function CharterProposalForm({
  standardId,
  slug,
  charter,
  levels = [],
}: {
  standardId: string;
  slug: string;
  charter: Charter;
  levels?: string[];
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
      <CharterFields
        prefix="propose"
        charter={charter}
        levels={levels}
        fieldError={form.fieldError}
      />
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
  levels = [],
}: {
  standardId: string;
  charter: Charter;
  levels?: string[];
}) {
  const t = useTranslations("decisions");
  const form = useActionForm(setFoundingCharterAction);
  const refusal = form.fieldError("charter");
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="standardId" value={standardId} />
      {refusal ? <Notice tone="error">{refusal}</Notice> : null}
      {!refusal && form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <CharterFields
        prefix="founding"
        charter={charter}
        levels={levels}
        fieldError={form.fieldError}
      />
      <p className="mb-3 text-sm text-muted">{t("charter.foundingExplained")}</p>
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("charter.save")}
      </SubmitButton>
    </form>
  );
}
