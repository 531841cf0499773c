"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import {
  openTranslationCallAction,
  startTranslationAction,
  translateClauseAction,
} from "./actions";

/** Starts a translation of a release into one of the languages not yet started. */
export function StartTranslationForm({
  releaseId,
  slug,
  version,
  languages,
}: {
  releaseId: string;
  slug: string;
  version: string;
  /** The languages still open, each with its name in the reader's language. */
  languages: { locale: string; name: string }[];
}) {
  const t = useTranslations("translations.start");
  const form = useActionForm(startTranslationAction);
  return (
    <form {...form.formProps} noValidate className="max-w-xl">
      <input type="hidden" name="releaseId" value={releaseId} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="version" value={version} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SelectField id="locale" label={t("language")} error={form.fieldError("locale")}>
        {languages.map((language) => (
          <option key={language.locale} value={language.locale}>
            {language.name}
          </option>
        ))}
      </SelectField>
      <SubmitButton pendingLabel={t("saving")}>{t("submit")}</SubmitButton>
    </form>
  );
}

/** The translated words of one clause, in the clause editor's Markdown subset. */
export function TranslateClauseForm({
  translationId,
  clauseRef,
  lang,
  initial,
}: {
  translationId: string;
  clauseRef: string;
  /** The language the fields are written in, for spell checkers and screen readers. */
  lang: string;
  initial: { title: string; body: string; assessment: string; examples: string };
}) {
  const t = useTranslations("translations.edit");
  const tFields = useTranslations("drafting.editor.fields");
  const form = useActionForm(translateClauseAction);
  const id = (field: string) => `${clauseRef}-${field}`;
  return (
    <form {...form.formProps} noValidate lang={lang}>
      <input type="hidden" name="translationId" value={translationId} />
      <input type="hidden" name="ref" value={clauseRef} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      {form.fieldError("translation") ? (
        <Notice tone="error">{form.fieldError("translation")}</Notice>
      ) : null}
      <TextField
        id={id("title")}
        name="title"
        label={t("titleField")}
        defaultValue={initial.title}
        maxLength={160}
        required
        error={form.fieldError("title")}
      />
      {(["body", "assessment", "examples"] as const).map((field) => (
        <TextAreaField
          key={field}
          id={id(field)}
          name={field}
          label={tFields(field)}
          hint={field === "body" ? t("markdownHint") : undefined}
          defaultValue={initial[field]}
          rows={field === "body" ? 5 : 3}
          error={form.fieldError(field)}
        />
      ))}
      <SubmitButton pendingLabel={t("saving")}>{t("save", { ref: clauseRef })}</SubmitButton>
    </form>
  );
}

/** Opens the call that may adopt a complete translation. */
export function OpenTranslationCallForm({
  translationId,
  slug,
}: {
  translationId: string;
  slug: string;
}) {
  const t = useTranslations("translations.edit");
  const form = useActionForm(openTranslationCallAction);
  return (
    <form {...form.formProps} noValidate className="max-w-xl">
      <input type="hidden" name="translationId" value={translationId} />
      <input type="hidden" name="slug" value={slug} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      {form.fieldError("translation") ? (
        <Notice tone="error">{form.fieldError("translation")}</Notice>
      ) : null}
      <TextAreaField
        id="description"
        label={t("callDescription")}
        rows={3}
        maxLength={10000}
        error={form.fieldError("description")}
      />
      <SubmitButton pendingLabel={t("callSaving")}>{t("callSubmit")}</SubmitButton>
    </form>
  );
}
