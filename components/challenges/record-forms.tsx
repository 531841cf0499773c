"use client";

import { useTranslations } from "next-intl";
import { TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Action } from "@/lib/actions/safe-action";
import type { Verdict } from "@/lib/challenges/rules";
import { ChoiceField } from "./choice-field";

type FormProps = { action: Action<void>; number: number };

/** The declarant's answer within the window: cure, dispute or withdraw the declaration. */
export function RespondForm({ action, number }: FormProps) {
  const t = useTranslations("challenges.respond");
  const form = useActionForm(action);
  return (
    <form {...form.formProps} noValidate className="max-w-2xl">
      <input type="hidden" name="number" value={number} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <ChoiceField
        name="response"
        legend={t("how")}
        error={form.fieldError("response")}
        options={(["cure", "dispute", "withdraw"] as const).map((value) => ({
          value,
          label: t(`kinds.${value}`),
          hint: t(`hints.${value}`),
        }))}
      />
      <TextAreaField
        id="text"
        label={t("text")}
        required
        rows={5}
        maxLength={5000}
        error={form.fieldError("text")}
      />
      <TextAreaField
        id="evidence"
        label={t("evidence")}
        hint={t("evidenceHint")}
        rows={3}
        error={form.fieldError("evidence")}
      />
      <SubmitButton pendingLabel={t("sending")}>{t("submit")}</SubmitButton>
    </form>
  );
}

/** A reason alone, for withdrawing a challenge or appealing a decision. */
function ReasonForm({
  action,
  number,
  namespace,
}: FormProps & { namespace: "challenges.withdraw" | "challenges.appeal" }) {
  const t = useTranslations(namespace);
  const form = useActionForm(action);
  return (
    <form {...form.formProps} noValidate className="max-w-2xl">
      <input type="hidden" name="number" value={number} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <TextAreaField
        id={`${namespace === "challenges.withdraw" ? "withdraw" : "appeal"}-reason`}
        name="reason"
        label={t("reason")}
        required
        rows={4}
        maxLength={2000}
        error={form.fieldError("reason")}
      />
      <SubmitButton pendingLabel={t("sending")} variant="secondary">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}

export function WithdrawChallengeForm(props: FormProps) {
  return <ReasonForm {...props} namespace="challenges.withdraw" />;
}

export function AppealForm(props: FormProps) {
  return <ReasonForm {...props} namespace="challenges.appeal" />;
}

/** An AG or SC member's vote: a verdict offered at this point, or a recusal, with a rationale. */
export function VoteForm({
  action,
  number,
  stage,
  verdicts,
}: FormProps & { stage: "ag" | "sc"; verdicts: Verdict[] }) {
  const t = useTranslations("challenges.vote");
  const form = useActionForm(action);
  return (
    <form {...form.formProps} noValidate className="max-w-2xl">
      <input type="hidden" name="number" value={number} />
      <input type="hidden" name="stage" value={stage} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <ChoiceField
        name="choice"
        legend={t("choice")}
        error={form.fieldError("choice")}
        options={[...verdicts, "recuse" as const].map((value) => ({
          value,
          label: t(`choices.${value}`),
        }))}
      />
      <TextAreaField
        id="rationale"
        label={t("rationale")}
        hint={t("rationaleHint")}
        required
        rows={4}
        maxLength={4000}
        error={form.fieldError("rationale")}
      />
      <SubmitButton pendingLabel={t("sending")}>{t("submit")}</SubmitButton>
    </form>
  );
}
