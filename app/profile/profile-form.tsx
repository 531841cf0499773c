"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { type Locale, localeNames, locales } from "@/lib/locale";
import { RETURN_PARAM } from "@/lib/paths";
import { saveProfile, signOutAction } from "./actions";

export type ProfileValues = { name: string; affiliation: string; conflictOfInterest: string };

/** The language and time zone, asked on the profile page (the welcome page asks only the name). */
export type ProfileSettings = { language: Locale; timeZone: string; timeZones: readonly string[] };

/** `next`: where to go once the profile is saved (the welcome page passes it); else stay here. */
export function ProfileForm({
  values,
  next,
  settings,
}: {
  values: ProfileValues;
  next?: string;
  settings?: ProfileSettings;
}) {
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
      {settings ? (
        <>
          <SelectField
            id="language"
            label={t("language")}
            hint={t("languageHint")}
            defaultValue={settings.language}
            error={form.fieldError("language")}
          >
            {locales.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {localeNames[locale]}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="timeZone"
            label={t("timeZone")}
            hint={t("timeZoneHint")}
            defaultValue={settings.timeZone}
            error={form.fieldError("timeZone")}
          >
            {settings.timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </SelectField>
        </>
      ) : null}
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
