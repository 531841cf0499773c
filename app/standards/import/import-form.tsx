"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { formBytes, MAX_IMPORT_BYTES } from "@/lib/drafting/import-limits";
import { importStandardAction } from "./actions";

export function ImportForm() {
  const t = useTranslations("importing");
  const fieldText = useTranslations("fieldErrors");
  const form = useActionForm(importStandardAction);
  // Too large to send: refused here, so the pasted text stays and no request is wasted.
  const [tooLarge, setTooLarge] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const markdown = new FormData(event.currentTarget).get("markdown");
    const oversized = typeof markdown === "string" && formBytes(markdown) > MAX_IMPORT_BYTES;
    setTooLarge(oversized);
    if (oversized) event.preventDefault();
    else form.formProps.onSubmit(event);
  };
  const outcome = form.state?.ok ? form.state.data : null;
  return (
    <form {...form.formProps} onSubmit={onSubmit} noValidate className="max-w-3xl">
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      {outcome && "problems" in outcome ? (
        <Notice tone="error">
          <p className="font-medium">{t("problems", { count: outcome.problems.length })}</p>
          <ul className="mt-2 list-disc pl-5">
            {outcome.problems.map((problem) => (
              <li key={`${problem.line}-${problem.reason}`}>{t("problem", problem)}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <SelectField id="format" label={t("format")} error={form.fieldError("format")}>
        <option value="hum">{t("formats.hum")}</option>
        <option value="plain">{t("formats.plain")}</option>
      </SelectField>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          id="slug"
          label={t("slug")}
          hint={t("slugHint")}
          error={form.fieldError("slug")}
        />
        <TextField
          id="name"
          label={t("name")}
          hint={t("nameHint")}
          error={form.fieldError("name")}
        />
      </div>
      <TextAreaField
        id="markdown"
        label={t("markdown")}
        rows={16}
        required
        className="font-mono"
        error={tooLarge ? fieldText("import_too_large") : form.fieldError("markdown")}
      />
      <SubmitButton pendingLabel={t("importing")}>{t("submit")}</SubmitButton>
    </form>
  );
}
