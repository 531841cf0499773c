"use client";

import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { signInAsDemo, signInWithGitHub } from "./actions";

export function GitHubSignInForm() {
  const t = useTranslations("signIn");
  const form = useActionForm(signInWithGitHub);
  return (
    <form {...form.formProps}>
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SubmitButton variant="secondary" pendingLabel={t("redirecting")}>
        {t("github")}
      </SubmitButton>
    </form>
  );
}

export function DemoSignInForm({ userId, label }: { userId: string; label: string }) {
  const t = useTranslations("signIn");
  const form = useActionForm(signInAsDemo);
  return (
    <form {...form.formProps}>
      <input type="hidden" name="userId" value={userId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SubmitButton variant="secondary" pendingLabel={t("redirecting")}>
        {label}
      </SubmitButton>
    </form>
  );
}
