"use client";

import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { RETURN_PARAM } from "@/lib/paths";
import { signInAsDemo, signInWithGitHub } from "./actions";

function ReturnField({ next }: { next?: string }) {
  return next ? <input type="hidden" name={RETURN_PARAM} value={next} /> : null;
}

export function GitHubSignInForm({ next }: { next?: string }) {
  const t = useTranslations("signIn");
  const form = useActionForm(signInWithGitHub);
  return (
    <form {...form.formProps}>
      <ReturnField next={next} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SubmitButton variant="secondary" pendingLabel={t("redirecting")}>
        {t("github")}
      </SubmitButton>
    </form>
  );
}

export function DemoSignInForm({
  userId,
  label,
  next,
}: {
  userId: string;
  label: string;
  next?: string;
}) {
  const t = useTranslations("signIn");
  const form = useActionForm(signInAsDemo);
  return (
    <form {...form.formProps}>
      <input type="hidden" name="userId" value={userId} />
      <ReturnField next={next} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SubmitButton variant="secondary" pendingLabel={t("redirecting")}>
        {label}
      </SubmitButton>
    </form>
  );
}
