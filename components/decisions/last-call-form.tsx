"use client";

import { useTranslations } from "next-intl";
import { openLastCallAction } from "@/app/decisions/actions";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";

/** A clause or section the form offers, with where it stands. */
export type LastCallOption = {
  kind: "clause" | "section";
  key: string;
  title: string;
  moduleCode: string | null;
  adopted: boolean;
  changed: boolean;
  busy: boolean;
};

/**
 * Opens a last call: on every change since adopted, on one module as drafted, or on the boxes
 * checked. Every choice is on the page at once, so the form works before JavaScript loads.
 */
export function LastCallForm({
  standardId,
  slug,
  modules,
  options,
  picked = [],
}: {
  standardId: string;
  slug: string;
  modules: { code: string; name: string; changed: number }[];
  options: LastCallOption[];
  /** Boxes checked when the form opens, as "clause:SW-4" or "section:scope". */
  picked?: string[];
}) {
  const t = useTranslations("decisions.lastCall");
  const tCalls = useTranslations("decisions");
  const form = useActionForm(openLastCallAction);
  const changed = options.filter((option) => option.changed && !option.busy).length;
  const preset = new Set(picked);
  const anyPicked = options.some((option) => preset.has(`${option.kind}:${option.key}`));
  const refusal = form.fieldError("items");
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="standardId" value={standardId} />
      <input type="hidden" name="slug" value={slug} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      {refusal ? <Notice tone="error">{refusal}</Notice> : null}
      <fieldset className="mb-6">
        <legend className="mb-2 font-medium">{t("scope")}</legend>
        <label className="mb-2 flex items-start gap-2">
          <input
            type="radio"
            name="scope"
            value="changed"
            defaultChecked={!anyPicked}
            className="mt-1"
          />
          <span>
            {t("scopes.changed")}
            <span className="block text-sm text-muted">
              {t("scopes.changedHint", { count: changed })}
            </span>
          </span>
        </label>
        <label className="mb-2 flex items-start gap-2">
          <input type="radio" name="scope" value="module" className="mt-1" />
          <span>{t("scopes.module")}</span>
        </label>
        <div className="ml-6 max-w-sm">
          <SelectField
            id="moduleCode"
            label={t("module")}
            defaultValue=""
            error={form.fieldError("moduleCode")}
          >
            <option value="">{t("noModule")}</option>
            {modules.map((module) => (
              <option key={module.code} value={module.code}>
                {t("moduleOption", { ...module })}
              </option>
            ))}
          </SelectField>
        </div>
        <label className="mb-2 flex items-start gap-2">
          <input
            type="radio"
            name="scope"
            value="picked"
            defaultChecked={anyPicked}
            className="mt-1"
          />
          <span>{t("scopes.picked")}</span>
        </label>
        <fieldset className="ml-6 max-h-96 overflow-y-auto rounded-md border border-line bg-white px-3 py-2">
          <legend className="sr-only">{t("pick")}</legend>
          <ul className="space-y-1 text-sm">
            {options.map((option) => (
              <li key={`${option.kind}:${option.key}`}>
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name={`${option.kind}:${option.key}`}
                    disabled={option.busy}
                    defaultChecked={!option.busy && preset.has(`${option.kind}:${option.key}`)}
                  />
                  <span className="font-mono">
                    {option.kind === "clause" ? option.key : t("section")}
                  </span>
                  <span>{option.title}</span>
                  {option.busy ? (
                    <span className="text-muted">· {t("busy")}</span>
                  ) : option.changed ? (
                    <span className="text-muted">
                      · {t(option.adopted ? "changed" : "neverAdoptedShort")}
                    </span>
                  ) : null}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </fieldset>
      <TextField
        id="title"
        label={tCalls("fields.title")}
        required
        maxLength={200}
        defaultValue={t("defaultTitle")}
        error={form.fieldError("title")}
      />
      <TextAreaField
        id="description"
        label={tCalls("fields.description")}
        rows={4}
        maxLength={5000}
        error={form.fieldError("description")}
      />
      <TextField
        id="organisations"
        label={tCalls("fields.organisations")}
        hint={tCalls("fields.organisationsHint")}
        maxLength={500}
        error={form.fieldError("organisations")}
      />
      <SubmitButton pendingLabel={tCalls("saving")}>{t("open")}</SubmitButton>
    </form>
  );
}
