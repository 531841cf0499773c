"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Action } from "@/lib/actions/safe-action";

/** The release (newest of each standard first) and the product a new declaration is about. */
export function StartDeclarationForm({
  action,
  organisation,
  releases,
}: {
  action: Action<{ number: number }>;
  organisation: string;
  releases: { value: string; standard: string; version: string }[];
}) {
  const t = useTranslations("registry.declare");
  const form = useActionForm(action);
  return (
    <form {...form.formProps} noValidate className="max-w-2xl">
      <input type="hidden" name="organisation" value={organisation} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SelectField
        id="release"
        label={t("release")}
        hint={t("releaseHint")}
        error={form.fieldError("release")}
      >
        {releases.map((release) => (
          <option key={release.value} value={release.value}>
            {t("releaseOption", { standard: release.standard, version: release.version })}
          </option>
        ))}
      </SelectField>
      <TextField
        id="product.name"
        label={t("productName")}
        required
        maxLength={120}
        error={form.fieldError("product.name")}
      />
      <TextField
        id="product.model"
        label={t("productModel")}
        hint={t("productModelHint")}
        maxLength={120}
        error={form.fieldError("product.model")}
      />
      <TextField
        id="product.url"
        type="url"
        label={t("productUrl")}
        hint={t("productUrlHint")}
        maxLength={500}
        error={form.fieldError("product.url")}
      />
      <TextField
        id="product.category"
        label={t("productCategory")}
        hint={t("productCategoryHint")}
        maxLength={80}
        error={form.fieldError("product.category")}
      />
      <SubmitButton pendingLabel={t("starting")}>{t("start")}</SubmitButton>
    </form>
  );
}
