"use client";

import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { addFrameworkAction } from "./actions";

export function AddFrameworkForm({ standardSlug }: { standardSlug: string }) {
  const t = useTranslations("frameworks");
  const tDrafting = useTranslations("drafting");
  const form = useActionForm(addFrameworkAction, { resetOnSuccess: true });
  return (
    <form {...form.formProps} noValidate className="max-w-2xl">
      <input type="hidden" name="standardSlug" value={standardSlug} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <div className="grid gap-x-4 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <TextField
            id="name"
            label={t("fields.name")}
            required
            maxLength={120}
            error={form.fieldError("name")}
          />
        </div>
        <TextField
          id="version"
          label={t("fields.version")}
          maxLength={40}
          error={form.fieldError("version")}
        />
      </div>
      <TextField
        id="url"
        type="url"
        label={t("fields.url")}
        hint={t("urlHint")}
        maxLength={500}
        error={form.fieldError("url")}
      />
      <TextField
        id="key"
        label={t("fields.key")}
        hint={t("keyHint")}
        maxLength={60}
        error={form.fieldError("key")}
      />
      <SubmitButton pendingLabel={tDrafting("saving")}>{t("add")}</SubmitButton>
    </form>
  );
}
