"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { formBytes, MAX_IMPORT_BYTES } from "@/lib/drafting/import-limits";
import { importStandardAction } from "./actions";
import { ImportPreviewPanel } from "./import-preview";

export function ImportForm({ standards }: { standards: { slug: string; name: string }[] }) {
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
  const preview = outcome && "preview" in outcome ? outcome : null;
  // Refusals of what the import would do rather than of a field: confirming an old preview, or
  // an adopting call over clauses another call is deciding.
  const refusal = form.fieldError("digest") ?? form.fieldError("items");
  return (
    <form {...form.formProps} onSubmit={onSubmit} noValidate className="max-w-3xl">
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      {refusal ? <Notice tone="error">{refusal}</Notice> : null}
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
      <SelectField id="into" label={t("into")} hint={t("intoHint")} error={form.fieldError("into")}>
        <option value="">{t("intoNew")}</option>
        {standards.map((standard) => (
          <option key={standard.slug} value={standard.slug}>
            {standard.name}
          </option>
        ))}
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
      <div className="mb-4 flex items-start gap-2">
        <input
          id="adopt"
          name="adopt"
          type="checkbox"
          value="on"
          className="mt-1"
          aria-describedby="adopt-hint"
        />
        <div>
          <label htmlFor="adopt" className="text-sm font-medium">
            {t("adopt")}
          </label>
          <p id="adopt-hint" className="text-sm text-muted">
            {t("adoptHint")}
          </p>
        </div>
      </div>
      <SubmitButton name="intent" value="preview" pendingLabel={t("previewing")}>
        {t("submit")}
      </SubmitButton>
      {preview ? (
        <>
          <ImportPreviewPanel preview={preview.preview} adopt={preview.adopt} />
          <input type="hidden" name="digest" value={preview.digest} />
          <SubmitButton name="intent" value="confirm" pendingLabel={t("importing")}>
            {t("confirm")}
          </SubmitButton>
        </>
      ) : null}
    </form>
  );
}
