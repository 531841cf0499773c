"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { type Mapping, relationships } from "@/lib/drafting/mappings";
import { addMappingAction, removeMappingAction } from "./mapping-actions";

export type FrameworkChoice = { key: string; name: string; version: string };

export function AddMappingForm({
  clauseId,
  frameworks,
}: {
  clauseId: string;
  frameworks: FrameworkChoice[];
}) {
  const t = useTranslations("frameworks");
  const tDrafting = useTranslations("drafting");
  const form = useActionForm(addMappingAction, { resetOnSuccess: true });
  return (
    <form {...form.formProps} noValidate aria-label={t("addMappingTitle")}>
      <input type="hidden" name="clauseId" value={clauseId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField
          id="framework"
          label={t("mappingFields.framework")}
          error={form.fieldError("framework")}
        >
          {frameworks.map((framework) => (
            <option key={framework.key} value={framework.key}>
              {framework.name}
              {framework.version ? ` ${framework.version}` : ""}
            </option>
          ))}
        </SelectField>
        <TextField
          id="provision"
          label={t("mappingFields.provision")}
          hint={t("provisionHint")}
          required
          maxLength={60}
          error={form.fieldError("provision")}
        />
        <SelectField
          id="relationship"
          label={t("relationshipLabel")}
          error={form.fieldError("relationship")}
        >
          {relationships.map((relationship) => (
            <option key={relationship} value={relationship}>
              {t(`relationships.${relationship}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        id="rationale"
        label={t("mappingFields.rationale")}
        hint={t("rationaleHint")}
        rows={2}
        maxLength={500}
        error={form.fieldError("rationale")}
      />
      <SubmitButton pendingLabel={tDrafting("saving")}>{t("addMapping")}</SubmitButton>
    </form>
  );
}

export function RemoveMappingForm({
  clauseId,
  mapping,
  frameworkName,
}: {
  clauseId: string;
  mapping: Mapping;
  frameworkName: string;
}) {
  const t = useTranslations("frameworks");
  const tDrafting = useTranslations("drafting");
  const form = useActionForm(removeMappingAction);
  return (
    <form {...form.formProps} className="inline">
      <input type="hidden" name="clauseId" value={clauseId} />
      <input type="hidden" name="framework" value={mapping.framework} />
      <input type="hidden" name="provision" value={mapping.provision} />
      <input type="hidden" name="relationship" value={mapping.relationship} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SubmitButton variant="secondary" pendingLabel={tDrafting("saving")}>
        <span aria-hidden="true">{t("remove")}</span>
        <span className="sr-only">
          {t("removeLabel", { framework: frameworkName, provision: mapping.provision })}
        </span>
      </SubmitButton>
    </form>
  );
}
