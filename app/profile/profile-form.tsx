"use client";

import { useTranslations } from "next-intl";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { RETURN_PARAM } from "@/lib/paths";
import { saveProfile, signOutAction } from "./actions";

export type ProfileValues = { name: string; affiliation: string; conflictOfInterest: string };

/** `next`: where to go once the profile is saved (the welcome page passes it); else stay here. */
export function ProfileForm({ values, next }: { values: ProfileValues; next?: string }) {
  const t = useTranslations("profile");
  const form = useActionForm(saveProfile);
  return (
    <form {...form.formProps} noValidate className="max-w-xl">
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      {next ? <input type="hidden" name={RETURN_PARAM} value={next} /> : null}
      <TextField
        id="name"
        label={t("name")}
        hint={t("nameHint")}
        defaultValue={values.name}
        autoComplete="name"
        required
        maxLength={80}
        error={form.fieldError("name")}
      />
      <TextField
        id="affiliation"
        label={t("affiliation")}
        hint={t("affiliationHint")}
        defaultValue={values.affiliation}
        autoComplete="organization"
        maxLength={120}
        error={form.fieldError("affiliation")}
      />
      <TextAreaField
        id="conflictOfInterest"
        label={t("coi")}
        hint={t("coiHint")}
        defaultValue={values.conflictOfInterest}
        rows={4}
        maxLength={2000}
        error={form.fieldError("conflictOfInterest")}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}

export function SignOutForm() {
  const t = useTranslations("profile");
  const form = useActionForm(signOutAction);
  return (
    <form {...form.formProps}>
      <SubmitButton variant="secondary" pendingLabel={t("signingOut")}>
        {t("signOut")}
      </SubmitButton>
    </form>
  );
}
