"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { strengths } from "@/lib/drafting/rich-text";
import {
  addClauseAction,
  moveClauseAction,
  restoreClauseAction,
  restoreRevisionAction,
  retireClauseAction,
  saveRevisionAction,
  updateClauseAction,
} from "./actions";

export type Axes = { modules: { code: string; name: string }[]; levels: string[] };
type Meta = { title: string; moduleCode: string; level: string; strength: string };

function MetaFields({
  axes,
  values,
  fieldError,
}: {
  axes: Axes;
  values?: Meta;
  fieldError: (name: string) => string | undefined;
}) {
  const t = useTranslations("drafting");
  return (
    <>
      <TextField
        id="title"
        label={t("fields.title")}
        defaultValue={values?.title}
        required
        maxLength={160}
        error={fieldError("title")}
      />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField
          id="moduleCode"
          label={t("fields.module")}
          defaultValue={values?.moduleCode}
          error={fieldError("moduleCode")}
        >
          {axes.modules.map((module) => (
            <option key={module.code} value={module.code}>
              {module.name} ({module.code})
            </option>
          ))}
        </SelectField>
        <SelectField
          id="level"
          label={t("fields.level")}
          defaultValue={values?.level ?? axes.levels[0]}
          error={fieldError("level")}
        >
          {axes.levels.map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
          <option value="">{t("recommendedOnly")}</option>
        </SelectField>
        <SelectField
          id="strength"
          label={t("fields.strength")}
          defaultValue={values?.strength ?? "MUST"}
          error={fieldError("strength")}
        >
          {strengths.map((strength) => (
            <option key={strength} value={strength}>
              {strength}
            </option>
          ))}
        </SelectField>
      </div>
    </>
  );
}

export function AddClauseForm({ standardSlug, axes }: { standardSlug: string; axes: Axes }) {
  const t = useTranslations("drafting");
  const form = useActionForm(addClauseAction, { resetOnSuccess: true });
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="standardSlug" value={standardSlug} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <MetaFields axes={axes} fieldError={form.fieldError} />
      <SubmitButton pendingLabel={t("saving")}>{t("add")}</SubmitButton>
    </form>
  );
}

/** A refusal about the changes a call would decide, shown above the form. */
function ItemsError({ error }: { error: string | undefined }) {
  return error ? <Notice tone="error">{error}</Notice> : null;
}

export function ClauseMetaForm({
  clauseId,
  standardSlug,
  adopted,
  axes,
  values,
}: {
  clauseId: string;
  standardSlug: string;
  /** An adopted clause moves to another module only by a call. */
  adopted: boolean;
  axes: Axes;
  values: Meta;
}) {
  const t = useTranslations("drafting");
  const form = useActionForm(updateClauseAction);
  return (
    <form {...form.formProps} noValidate>
      <input type="hidden" name="clauseId" value={clauseId} />
      <input type="hidden" name="standardSlug" value={standardSlug} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <ItemsError error={form.fieldError("items")} />
      <MetaFields axes={axes} values={values} fieldError={form.fieldError} />
      {adopted ? (
        <TextAreaField
          id="move-reason"
          name="reason"
          label={t("moveReason")}
          hint={t("moveExplained")}
          rows={2}
          maxLength={2000}
          error={form.fieldError("reason")}
        />
      ) : null}
      <SubmitButton pendingLabel={t("saving")}>{t("saveStructure")}</SubmitButton>
    </form>
  );
}

export function SaveRevisionForm({ clauseId }: { clauseId: string }) {
  const t = useTranslations("drafting");
  const form = useActionForm(saveRevisionAction, { resetOnSuccess: true });
  return (
    <form {...form.formProps} noValidate>
      <input type="hidden" name="clauseId" value={clauseId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <TextField
        id="note"
        label={t("fields.note")}
        hint={t("noteHint")}
        required
        maxLength={500}
        error={form.fieldError("note")}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("saveRevision")}</SubmitButton>
    </form>
  );
}

export function MoveClauseForm({
  clauseId,
  direction,
  label,
}: {
  clauseId: string;
  direction: "up" | "down";
  label: string;
}) {
  const t = useTranslations("drafting");
  const form = useActionForm(moveClauseAction);
  return (
    <form {...form.formProps}>
      <input type="hidden" name="clauseId" value={clauseId} />
      <input type="hidden" name="direction" value={direction} />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {label}
      </SubmitButton>
    </form>
  );
}

/**
 * Retires a clause never adopted at once; for an adopted one, opens the call that decides it.
 * Either way the person says why.
 */
export function RetireClauseForm({
  clauseId,
  standardSlug,
  adopted,
  label,
}: {
  clauseId: string;
  standardSlug: string;
  adopted: boolean;
  label: string;
}) {
  const t = useTranslations("drafting");
  const form = useActionForm(retireClauseAction);
  return (
    <details>
      <summary className="cursor-pointer text-sm text-danger">{t("retire")}</summary>
      <form {...form.formProps} noValidate className="mt-2">
        <input type="hidden" name="clauseId" value={clauseId} />
        <input type="hidden" name="standardSlug" value={standardSlug} />
        {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
        <ItemsError error={form.fieldError("items")} />
        <p className="mb-2 text-sm text-muted">
          {adopted ? t("retireByCallExplained") : t("retireExplained")}
        </p>
        <TextAreaField
          id="retire-reason"
          name="reason"
          label={t("retireReason")}
          rows={3}
          required
          maxLength={2000}
          error={form.fieldError("reason")}
        />
        <SubmitButton variant="danger" pendingLabel={t("saving")}>
          {label}
        </SubmitButton>
      </form>
    </details>
  );
}

/** Opens the call that decides whether a retired clause comes back under its reference. */
export function ProposeRestoreForm({
  clauseId,
  standardSlug,
  label,
}: {
  clauseId: string;
  standardSlug: string;
  label: string;
}) {
  const t = useTranslations("drafting");
  const form = useActionForm(restoreClauseAction);
  return (
    <details className="mb-4">
      <summary className="cursor-pointer text-sm">{t("proposeRestore")}</summary>
      <form {...form.formProps} noValidate className="mt-2 max-w-2xl">
        <input type="hidden" name="clauseId" value={clauseId} />
        <input type="hidden" name="standardSlug" value={standardSlug} />
        {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
        <ItemsError error={form.fieldError("items")} />
        <p className="mb-2 text-sm text-muted">{t("proposeRestoreExplained")}</p>
        <TextAreaField
          id="restore-reason"
          name="reason"
          label={t("restoreReason")}
          rows={3}
          required
          maxLength={2000}
          error={form.fieldError("reason")}
        />
        <SubmitButton variant="secondary" pendingLabel={t("saving")}>
          {label}
        </SubmitButton>
      </form>
    </details>
  );
}

export function RestoreRevisionForm({ clauseId, number }: { clauseId: string; number: number }) {
  const t = useTranslations("drafting");
  const form = useActionForm(restoreRevisionAction);
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-sm">{t("restore")}</summary>
      <form {...form.formProps} className="mt-2">
        <input type="hidden" name="clauseId" value={clauseId} />
        <input type="hidden" name="number" value={number} />
        {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
        <p className="mb-2 text-sm text-muted">{t("restoreExplained")}</p>
        <SubmitButton variant="secondary" pendingLabel={t("saving")}>
          {t("restoreConfirm", { number })}
        </SubmitButton>
      </form>
    </details>
  );
}
