"use client";

import { useTranslations } from "next-intl";
import {
  OrganisationFields,
  type OrganisationValues,
} from "@/components/registry/organisation-fields";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import {
  endRepresentativeAction,
  inviteRepresentativeAction,
  updateOrganisationAction,
} from "./actions";

export function OrganisationDetailsForm({
  slug,
  values,
}: {
  slug: string;
  values: OrganisationValues;
}) {
  const t = useTranslations("registry.organisations");
  const form = useActionForm(updateOrganisationAction);
  return (
    <form {...form.formProps} noValidate className="max-w-2xl" aria-label={t("detailsTitle")}>
      <input type="hidden" name="slug" value={slug} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <OrganisationFields values={values} fieldError={form.fieldError} />
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}

export function InviteRepresentativeForm({ slug }: { slug: string }) {
  const t = useTranslations("registry.organisations");
  const form = useActionForm(inviteRepresentativeAction, { resetOnSuccess: true });
  return (
    <form {...form.formProps} noValidate className="max-w-xl" aria-label={t("inviteTitle")}>
      <input type="hidden" name="slug" value={slug} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <TextField
        id="invite-email"
        name="email"
        type="email"
        autoComplete="off"
        label={t("inviteEmail")}
        required
        maxLength={254}
        error={form.fieldError("email")}
      />
      <SubmitButton pendingLabel={t("inviting")}>{t("invite")}</SubmitButton>
    </form>
  );
}

export function EndRepresentativeForm({
  slug,
  representativeId,
  name,
}: {
  slug: string;
  representativeId: string;
  name: string;
}) {
  const t = useTranslations("registry.organisations");
  const form = useActionForm(endRepresentativeAction);
  const problem = form.fieldError("representativeId");
  return (
    <details className="text-right">
      <summary className="cursor-pointer text-sm text-danger">{t("endTerm")}</summary>
      <form {...form.formProps} className="mt-2">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="representativeId" value={representativeId} />
        {form.formError ? (
          <Notice tone="error">{problem ? `${form.formError} ${problem}` : form.formError}</Notice>
        ) : null}
        <SubmitButton variant="danger" pendingLabel={t("ending")}>
          {t("endTermOf", { name })}
        </SubmitButton>
      </form>
    </details>
  );
}
