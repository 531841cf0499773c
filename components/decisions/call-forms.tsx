"use client";

import { useTranslations } from "next-intl";
import {
  appealAction,
  castVoteAction,
  takePositionAction,
  withdrawCallAction,
} from "@/app/decisions/actions";
import { useMine } from "@/components/personal";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/page";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { CallMine } from "@/lib/decisions/call-page";

const stanceOptions = ["support", "no_objection", "object", "abstain", "recuse"] as const;

export function PositionForm({
  callId,
  current,
  items,
}: {
  callId: string;
  current: { stance: string; reason: string; itemIds?: string[] } | null;
  /** On a call on a set of changes: the changes an objection may name. */
  items?: { id: string; label: string }[] | null;
}) {
  const t = useTranslations("decisions");
  const form = useActionForm(takePositionAction);
  return (
    <form {...form.formProps} noValidate>
      <input type="hidden" name="callId" value={callId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
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
      {items && items.length > 0 ? (
        <fieldset className="mb-4" aria-describedby="itemIds-hint">
          <legend className="mb-1 font-medium">{t("lastCall.objectionNames")}</legend>
          <p id="itemIds-hint" className="mb-2 text-sm text-muted">
            {t("lastCall.objectionNamesHint")}
          </p>
          {form.fieldError("itemIds") ? (
            <p className="mb-1 text-sm text-danger">{form.fieldError("itemIds")}</p>
          ) : null}
          <ul className="max-h-64 space-y-1 overflow-y-auto rounded-md border border-line bg-white px-3 py-2 text-sm">
            {items.map((item) => (
              <li key={item.id}>
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name={`item:${item.id}`}
                    defaultChecked={current?.itemIds?.includes(item.id)}
                  />
                  {item.label}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
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
}: {
  callId: string;
  action: typeof withdrawCallAction;
  summary: string;
  explained: string;
  submit: string;
}) {
  const t = useTranslations("decisions");
  const form = useActionForm(action);
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
    />
  );
}

/*
 * The reader's own part of a call page. Each takes `mine` when the page was drawn for the reader;
 * on a page kept for their audience it is left out, and their part comes with the page
 * (components/personal.tsx): nothing is shown until it is known.
 */

export function YourPosition({
  callId,
  items,
  title,
  mine,
}: {
  callId: string;
  items: { id: string; label: string }[] | null;
  title: string;
  mine?: CallMine;
}) {
  const known = useMine(mine, (personal) => personal.call);
  if (!known) return null;
  return (
    <Section title={title}>
      <PositionForm callId={callId} current={known.position} items={items} />
      {known.isProposer ? <WithdrawCallForm callId={callId} /> : null}
    </Section>
  );
}

export function YourVote({
  callId,
  title,
  mine,
}: {
  callId: string;
  title: string;
  mine?: CallMine;
}) {
  const known = useMine(mine, (personal) => personal.call);
  if (!known?.voteStage) return null;
  return (
    <Section title={title}>
      <VoteForm callId={callId} stage={known.voteStage} conflicted={known.conflicted} />
    </Section>
  );
}

export function YourAppeal({ callId, mine }: { callId: string; mine?: CallMine }) {
  const known = useMine(mine, (personal) => personal.call);
  return known?.mayAppeal ? <AppealForm callId={callId} /> : null;
}
