"use client";

import { useTranslations } from "next-intl";
import { SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { emailModeAction, markAllReadAction } from "./actions";

export function EmailModeForm({ mode }: { mode: "immediate" | "digest" | "off" }) {
  const t = useTranslations("inbox");
  const form = useActionForm(emailModeAction);
  return (
    <form {...form.formProps} className="max-w-md">
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SelectField id="emailMode" label={t("emailMode")} defaultValue={mode}>
        {(["immediate", "digest", "off"] as const).map((option) => (
          <option key={option} value={option}>
            {t(`modes.${option}`)}
          </option>
        ))}
      </SelectField>
      <SubmitButton pendingLabel={t("save")}>{t("save")}</SubmitButton>
    </form>
  );
}

export function MarkAllReadForm() {
  const t = useTranslations("inbox");
  const form = useActionForm(markAllReadAction);
  return (
    <form {...form.formProps}>
      <SubmitButton variant="secondary" pendingLabel={t("markRead")}>
        {t("markRead")}
      </SubmitButton>
    </form>
  );
}
