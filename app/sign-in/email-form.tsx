"use client";

import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { RETURN_PARAM } from "@/lib/paths";
import { requestMagicLink } from "./actions";

/** `next`: the page to return to after signing in (a safe path, checked again by the action). */
export function EmailSignInForm({ next }: { next?: string }) {
  const t = useTranslations("signIn");
  const form = useActionForm(requestMagicLink);
  return (
    <form {...form.formProps} noValidate className="max-w-md">
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      {next ? <input type="hidden" name={RETURN_PARAM} value={next} /> : null}
      <TextField
        id="email"
        label={t("emailLabel")}
        hint={t("emailHint")}
        type="email"
        autoComplete="email"
        required
        error={form.fieldError("email")}
      />
      <SubmitButton pendingLabel={t("sending")}>{t("sendLink")}</SubmitButton>
    </form>
  );
}
