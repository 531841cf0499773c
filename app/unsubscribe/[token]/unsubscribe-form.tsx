"use client";

import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { unsubscribeAction } from "./actions";

export function UnsubscribeForm({ token }: { token: string }) {
  const t = useTranslations("unsubscribe");
  const form = useActionForm(unsubscribeAction);
  return (
    <form {...form.formProps}>
      <input type="hidden" name="token" value={token} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SubmitButton pendingLabel={t("confirm")}>{t("confirm")}</SubmitButton>
    </form>
  );
}
