"use client";

import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Action } from "@/lib/actions/safe-action";
import type { VerificationMethod } from "@/lib/registry/domain-verification";

/** The Verify button, with why it failed right next to it. */
export function DomainVerifyForm({
  slug,
  action,
}: {
  slug: string;
  action: Action<{ domain: string; method: VerificationMethod }>;
}) {
  const t = useTranslations("registryDomain");
  const form = useActionForm(action);
  const error = form.fieldError("domain");
  return (
    <form {...form.formProps} noValidate>
      <input type="hidden" name="slug" value={slug} />
      {form.formError && !error ? <Notice tone="error">{form.formError}</Notice> : null}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel={t("verifying")}>{t("verify")}</SubmitButton>
        {error ? (
          <p id="domain-error" role="alert" className="text-sm font-medium text-danger">
            {error}
          </p>
        ) : null}
      </div>
    </form>
  );
}
