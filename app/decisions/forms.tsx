"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Charter } from "@/lib/decisions/rules";
import {
  appealAction,
  castVoteAction,
  openCallAction,
  setCharterAction,
  takePositionAction,
  withdrawCallAction,
} from "./actions";

const stanceOptions = ["support", "no_objection", "object", "abstain", "recuse"] as const;

export function OpenCallForm({
  standardId,
  slug,
  clauses,
  clauseRef,
}: {
  standardId: string;
  slug: string;
  clauses: { ref: string; title: string }[];
  clauseRef: string;
}) {
  const t = useTranslations("decisions");
  const form = useActionForm(openCallAction);
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="standardId" value={standardId} />
      <input type="hidden" name="slug" value={slug} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SelectField
        id="kind"
        label={t("fields.kind")}
        defaultValue={clauseRef ? "clause_revision" : "question"}
        error={form.fieldError("kind")}
      >
        <option value="clause_revision">{t("kinds.clause_revision")}</option>
        <option value="question">{t("kinds.question")}</option>
      </SelectField>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField
          id="clauseRef"
          label={t("fields.clause")}
          hint={t("fields.clauseHint")}
          defaultValue={clauseRef}
          error={form.fieldError("clauseRef")}
        >
          <option value="">{t("fields.noClause")}</option>
          {clauses.map((clause) => (
            <option key={clause.ref} value={clause.ref}>
              {clause.ref} {clause.title}
            </option>
          ))}
        </SelectField>
        <TextField
          id="revision"
          label={t("fields.revision")}
          hint={t("fields.revisionHint")}
          inputMode="numeric"
          error={form.fieldError("revision")}
        />
      </div>
      <TextField
        id="title"
        label={t("fields.title")}
        required
        maxLength={200}
        error={form.fieldError("title")}
      />
      <TextAreaField
        id="description"
        label={t("fields.description")}
        rows={5}
        maxLength={5000}
        error={form.fieldError("description")}
      />
      <TextField
        id="organisations"
        label={t("fields.organisations")}
        hint={t("fields.organisationsHint")}
        maxLength={500}
        error={form.fieldError("organisations")}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("open")}</SubmitButton>
    </form>
  );
}

export function PositionForm({
  callId,
  current,
}: {
  callId: string;
  current: { stance: string; reason: string } | null;
}) {
  const t = useTranslations("decisions");
  const form = useActionForm(takePositionAction);
  return (
    <form {...form.formProps} noValidate>
      <input type="hidden" name="callId" value={callId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      {form.succeeded ? <Notice tone="success">{t("positionSaved")}</Notice> : null}
      <fieldset className="mb-4">
        <legend className="mb-2 font-medium">{t("fields.stance")}</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {stanceOptions.map((stance) => (
            <label key={stance} className="flex items-center gap-2">
              <input
                type="radio"
                name="stance"
                value={stance}
                defaultChecked={current?.stance === stance}
                required
              />
              {t(`stances.${stance}`)}
            </label>
          ))}
        </div>
        {form.fieldError("stance") ? (
          <p className="mt-1 text-sm text-danger">{form.fieldError("stance")}</p>
        ) : null}
      </fieldset>
      <TextAreaField
        id="reason"
        label={t("fields.reason")}
        hint={t("fields.reasonHint")}
        rows={3}
        maxLength={2000}
        defaultValue={current?.reason}
        error={form.fieldError("reason")}
      />
      <SubmitButton pendingLabel={t("saving")}>{t("takePosition")}</SubmitButton>
    </form>
  );
}

export function VoteForm({
  callId,
  stage,
  conflicted,
}: {
  callId: string;
  stage: "ag" | "sc";
  conflicted: boolean;
}) {
  const t = useTranslations("decisions");
  const form = useActionForm(castVoteAction);
  if (form.succeeded) return <Notice tone="success">{t("voteSaved")}</Notice>;
  return (
    <form {...form.formProps} noValidate className="max-w-2xl">
      <input type="hidden" name="callId" value={callId} />
      <input type="hidden" name="stage" value={stage} />
      {conflicted ? <Notice tone="info">{t("conflicted")}</Notice> : null}
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SelectField
        id={`choice-${callId}`}
        name="choice"
        label={t("fields.choice")}
        defaultValue={conflicted ? "recuse" : ""}
        error={form.fieldError("choice")}
      >
        <option value="" disabled>
          {t("fields.chooseOne")}
        </option>
        <option value="adopt">{t("choices.adopt")}</option>
        <option value="reject">{t("choices.reject")}</option>
        <option value="return">{t("choices.return")}</option>
        <option value="recuse">{t("choices.recuse")}</option>
      </SelectField>
      <TextAreaField
        id={`rationale-${callId}`}
        name="rationale"
        label={t("fields.rationale")}
        hint={t("fields.rationaleHint")}
        rows={4}
        required
        maxLength={4000}
        error={form.fieldError("rationale")}
      />
      <SubmitButton pendingLabel={t("saving")}>{t(`vote.${stage}`)}</SubmitButton>
    </form>
  );
}

function ReasonForm({
  callId,
  action,
  summary,
  explained,
  submit,
  done,
}: {
  callId: string;
  action: typeof withdrawCallAction;
  summary: string;
  explained: string;
  submit: string;
  done: string;
}) {
  const t = useTranslations("decisions");
  const form = useActionForm(action);
  if (form.succeeded) return <Notice tone="success">{done}</Notice>;
  return (
    <details className="mt-3">
      <summary className="cursor-pointer">{summary}</summary>
      <form {...form.formProps} noValidate className="mt-2 max-w-2xl">
        <input type="hidden" name="callId" value={callId} />
        {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
        <p className="mb-2 text-sm text-muted">{explained}</p>
        <TextAreaField
          id={`why-${callId}`}
          name="reason"
          label={t("fields.reason")}
          rows={3}
          required
          maxLength={2000}
          error={form.fieldError("reason")}
        />
        <SubmitButton variant="secondary" pendingLabel={t("saving")}>
          {submit}
        </SubmitButton>
      </form>
    </details>
  );
}

export function WithdrawCallForm({ callId }: { callId: string }) {
  const t = useTranslations("decisions");
  return (
    <ReasonForm
      callId={callId}
      action={withdrawCallAction}
      summary={t("withdraw")}
      explained={t("withdrawExplained")}
      submit={t("withdrawConfirm")}
      done={t("withdrawn")}
    />
  );
}

export function AppealForm({ callId }: { callId: string }) {
  const t = useTranslations("decisions");
  return (
    <ReasonForm
      callId={callId}
      action={appealAction}
      summary={t("appeal")}
      explained={t("appealExplained")}
      submit={t("appealConfirm")}
      done={t("appealed")}
    />
  );
}

export function CharterForm({ standardId, charter }: { standardId: string; charter: Charter }) {
  const t = useTranslations("decisions");
  const form = useActionForm(setCharterAction);
  const fields = ["commentPeriodDays", "quorum", "agDeadlineDays", "appealWindowDays"] as const;
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="standardId" value={standardId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      {form.succeeded ? <Notice tone="success">{t("charter.saved")}</Notice> : null}
      <div className="grid gap-x-4 sm:grid-cols-4">
        {fields.map((field) => (
          <TextField
            key={field}
            id={field}
            label={t(`charter.${field}`)}
            inputMode="numeric"
            defaultValue={String(charter[field])}
            error={form.fieldError(field)}
          />
        ))}
      </div>
      <p className="mb-3 text-sm text-muted">{t("charter.explained")}</p>
      <SubmitButton pendingLabel={t("saving")}>{t("charter.save")}</SubmitButton>
    </form>
  );
}
