"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { sectionKinds } from "@/lib/drafting/sections-rules";
import {
  addSectionAction,
  moveSectionAction,
  renameSectionAction,
  retireSectionAction,
  saveSectionRevisionAction,
} from "./section-actions";

export function AddSectionForm({ standardSlug }: { standardSlug: string }) {
  const t = useTranslations("drafting");
  const form = useActionForm(addSectionAction, { resetOnSuccess: true });
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="standardSlug" value={standardSlug} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField
          id="section-kind"
          name="kind"
          label={t("sections.fields.kind")}
          defaultValue="scope"
          error={form.fieldError("kind")}
        >
          {sectionKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`sections.kinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <div className="sm:col-span-2">
          <TextField
            id="section-title"
            name="title"
            label={t("sections.fields.title")}
            required
            maxLength={160}
            error={form.fieldError("title")}
          />
        </div>
      </div>
      <SubmitButton pendingLabel={t("saving")}>{t("sections.add")}</SubmitButton>
    </form>
  );
}

export function RenameSectionForm({ sectionId, title }: { sectionId: string; title: string }) {
  const t = useTranslations("drafting");
  const form = useActionForm(renameSectionAction);
  return (
    <form {...form.formProps} noValidate>
      <input type="hidden" name="sectionId" value={sectionId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <TextField
        id="section-title"
        name="title"
        label={t("sections.fields.title")}
        defaultValue={title}
        required
        maxLength={160}
        error={form.fieldError("title")}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("sections.rename")}</SubmitButton>
    </form>
  );
}

export function SaveSectionRevisionForm({ sectionId }: { sectionId: string }) {
  const t = useTranslations("drafting");
  const form = useActionForm(saveSectionRevisionAction, { resetOnSuccess: true });
  return (
    <form {...form.formProps} noValidate>
      <input type="hidden" name="sectionId" value={sectionId} />
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

export function MoveSectionForm({
  sectionId,
  direction,
}: {
  sectionId: string;
  direction: "up" | "down";
}) {
  const t = useTranslations("drafting");
  const form = useActionForm(moveSectionAction);
  return (
    <form {...form.formProps}>
      <input type="hidden" name="sectionId" value={sectionId} />
      <input type="hidden" name="direction" value={direction} />
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {direction === "up" ? t("sections.moveUp") : t("sections.moveDown")}
      </SubmitButton>
    </form>
  );
}

export function RetireSectionForm({
  sectionId,
  standardSlug,
  title,
  adopted,
}: {
  sectionId: string;
  standardSlug: string;
  title: string;
  /** An adopted section is retired by a call, which the form opens. */
  adopted: boolean;
}) {
  const t = useTranslations("drafting");
  const form = useActionForm(retireSectionAction);
  return (
    <details>
      <summary className="cursor-pointer text-sm text-danger">{t("sections.retire")}</summary>
      <form {...form.formProps} className="mt-2">
        <input type="hidden" name="sectionId" value={sectionId} />
        <input type="hidden" name="standardSlug" value={standardSlug} />
        {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
        <p className="mb-2 text-sm text-muted">
          {t(adopted ? "sections.retireByCallExplained" : "sections.retireExplained")}
        </p>
        <TextAreaField
          id={`retire-reason-${sectionId}`}
          name="reason"
          label={t("sections.retireReason")}
          rows={3}
          maxLength={2000}
          error={form.fieldError("reason")}
        />
        <SubmitButton variant="danger" pendingLabel={t("saving")}>
          {t("sections.retireConfirm", { title })}
        </SubmitButton>
      </form>
    </details>
  );
}
