"use client";

import { useTranslations } from "next-intl";
import { DateSpanFields } from "@/components/date-span-fields";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import type { Action } from "@/lib/actions/safe-action";
import { questionKinds } from "@/lib/reviews/questions";
import {
  addQuestionAction,
  closeSurveyAction,
  copySurveyAction,
  createSurveyAction,
  moveQuestionAction,
  openSurveyAction,
  publishResultsAction,
  removeQuestionAction,
  setTextPublishableAction,
} from "./actions";

const audiences = ["anyone", "participants", "organisations"] as const;

/** A new survey's details; its questions are added on its own page, one at a time. */
export function CreateSurveyForm({ reviewId, today }: { reviewId: string; today: string }) {
  const t = useTranslations("surveys");
  const form = useActionForm(createSurveyAction);
  return (
    <form {...form.formProps} noValidate className="max-w-2xl" aria-label={t("create.heading")}>
      <input type="hidden" name="reviewId" value={reviewId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <TextField id="title" label={t("create.title")} required error={form.fieldError("title")} />
      <TextAreaField
        id="intro"
        label={t("create.intro")}
        hint={t("create.introHint")}
        rows={4}
        error={form.fieldError("intro")}
      />
      <SelectField id="audience" label={t("create.audience")} error={form.fieldError("audience")}>
        {audiences.map((audience) => (
          <option key={audience} value={audience}>
            {t(`audiences.${audience}`)}
          </option>
        ))}
      </SelectField>
      <DateSpanFields
        first={{ id: "opensAt", label: t("create.opensOn"), defaultValue: today, required: true }}
        last={{ id: "closesAt", label: t("create.closesOn"), required: true }}
        fieldError={form.fieldError}
      />
      <p className="mb-4 text-sm text-muted">{t("create.datesHint")}</p>
      <SubmitButton pendingLabel={t("create.creating")}>{t("create.submit")}</SubmitButton>
    </form>
  );
}

/** Adds one question at the end; the choices, rows and condition are plain fields. */
export function AddQuestionForm({
  surveyId,
  earlier,
}: {
  surveyId: string;
  earlier: { id: string; label: string }[];
}) {
  const t = useTranslations("surveys");
  const form = useActionForm(addQuestionAction, { resetOnSuccess: true });
  const formProblem = form.fieldError("form");
  return (
    <form {...form.formProps} noValidate className="max-w-2xl" aria-label={t("add.heading")}>
      <input type="hidden" name="surveyId" value={surveyId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      {formProblem ? <Notice tone="error">{formProblem}</Notice> : null}
      <SelectField id="kind" label={t("add.kind")} error={form.fieldError("kind")}>
        {questionKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <TextField id="prompt" label={t("add.prompt")} required error={form.fieldError("prompt")} />
      <TextAreaField id="help" label={t("add.help")} rows={2} error={form.fieldError("help")} />
      <div className="mb-4 flex items-center gap-2">
        <input id="required" name="required" type="checkbox" />
        <label htmlFor="required">{t("add.required")}</label>
      </div>
      <TextAreaField
        id="options"
        label={t("add.options")}
        hint={t("add.optionsHint")}
        rows={5}
        error={form.fieldError("options")}
      />
      <div className="mb-4 flex items-center gap-2">
        <input id="allowOther" name="allowOther" type="checkbox" />
        <label htmlFor="allowOther">{t("add.allowOther")}</label>
      </div>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          id="lowLabel"
          label={t("add.lowLabel")}
          hint={t("add.scaleHint")}
          error={form.fieldError("lowLabel")}
        />
        <TextField id="highLabel" label={t("add.highLabel")} error={form.fieldError("highLabel")} />
      </div>
      <fieldset className="mb-4 rounded-md border border-line p-4">
        <legend className="px-1 text-sm font-medium">{t("add.condition")}</legend>
        <SelectField
          id="conditionQuestion"
          label={t("add.conditionQuestion")}
          error={form.fieldError("conditionQuestion")}
        >
          <option value="">{t("add.always")}</option>
          {earlier.map((question) => (
            <option key={question.id} value={question.id}>
              {question.label}
            </option>
          ))}
        </SelectField>
        <TextField
          id="conditionValue"
          label={t("add.conditionValue")}
          hint={t("add.conditionHint")}
          error={form.fieldError("conditionValue")}
        />
      </fieldset>
      <SubmitButton pendingLabel={t("add.adding")}>{t("add.submit")}</SubmitButton>
    </form>
  );
}

/** One button in a form of its own, with its hidden fields; a refusal shows above it. */
function ActionButton<T>({
  action,
  fields,
  label,
  variant = "secondary",
}: {
  action: Action<T>;
  fields: Record<string, string>;
  label: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const form = useActionForm(action);
  return (
    <form {...form.formProps}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SubmitButton variant={variant} pendingLabel={label}>
        {label}
      </SubmitButton>
    </form>
  );
}

/** Move up, move down and remove, named with the question's number for screen readers. */
export function QuestionControls({
  surveyId,
  questionId,
  position,
  first,
  last,
}: {
  surveyId: string;
  questionId: string;
  position: number;
  first: boolean;
  last: boolean;
}) {
  const t = useTranslations("surveys.questions");
  const fields = { surveyId, questionId };
  return (
    <div className="mt-2 flex flex-wrap gap-2">
      {first ? null : (
        <ActionButton
          action={moveQuestionAction}
          fields={{ ...fields, direction: "up" }}
          label={t("moveUp", { position })}
        />
      )}
      {last ? null : (
        <ActionButton
          action={moveQuestionAction}
          fields={{ ...fields, direction: "down" }}
          label={t("moveDown", { position })}
        />
      )}
      <ActionButton
        action={removeQuestionAction}
        fields={fields}
        label={t("remove", { position })}
        variant="danger"
      />
    </div>
  );
}

/** Open now, close now, publish the results, copy: whichever the survey's state allows. */
export function SurveyControls({
  surveyId,
  state,
  published,
}: {
  surveyId: string;
  state: string;
  published: boolean;
}) {
  const t = useTranslations("surveys.controls");
  const fields = { surveyId };
  return (
    <div className="mb-8 flex flex-wrap gap-3">
      {state === "draft" ? (
        <ActionButton
          action={openSurveyAction}
          fields={fields}
          label={t("open")}
          variant="primary"
        />
      ) : null}
      {state === "open" ? (
        <ActionButton action={closeSurveyAction} fields={fields} label={t("close")} />
      ) : null}
      {state !== "draft" && !published ? (
        <ActionButton action={publishResultsAction} fields={fields} label={t("publish")} />
      ) : null}
      <ActionButton action={copySurveyAction} fields={fields} label={t("copy")} />
    </div>
  );
}

/** Shows one free-text answer with the results, or holds it back. */
export function TextToggle({
  responseId,
  questionId,
  publishable,
  position,
}: {
  responseId: string;
  questionId: string;
  publishable: boolean;
  position: number;
}) {
  const t = useTranslations("surveys.results");
  return (
    <ActionButton
      action={setTextPublishableAction}
      fields={{ responseId, questionId, publishable: publishable ? "false" : "true" }}
      label={publishable ? t("hold", { position }) : t("show", { position })}
    />
  );
}
