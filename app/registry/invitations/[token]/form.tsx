"use client";

import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { acceptInvitationAction } from "./actions";

export function AcceptInvitationForm({ token, name }: { token: string; name: string }) {
  const t = useTranslations("registry.invitations");
  const form = useActionForm(acceptInvitationAction);
  const problem = form.fieldError("token");
  return (
    <form {...form.formProps}>
      <input type="hidden" name="token" value={token} />
      {form.formError ? <Notice tone="error">{problem ?? form.formError}</Notice> : null}
      <SubmitButton pendingLabel={t("accepting")}>{t("accept", { name })}</SubmitButton>
    </form>
  );
}
