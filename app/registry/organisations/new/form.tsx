"use client";

import { useTranslations } from "next-intl";
import { OrganisationFields } from "@/components/registry/organisation-fields";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { registerOrganisationAction } from "./actions";

export function RegisterOrganisationForm() {
  const t = useTranslations("registry.organisations");
  const form = useActionForm(registerOrganisationAction);
  return (
    <form {...form.formProps} noValidate className="max-w-2xl" aria-label={t("newTitle")}>
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <OrganisationFields fieldError={form.fieldError} />
      <SubmitButton pendingLabel={t("registering")}>{t("register")}</SubmitButton>
    </form>
  );
}
