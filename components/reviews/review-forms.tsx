"use client";

import { useTranslations } from "next-intl";
import {
  openReviewAction,
  openReviewThreadAction,
  proposeConclusionsAction,
} from "@/app/standards/[slug]/reviews/actions";
import { DateSpanFields } from "@/components/date-span-fields";
import { NewThreadFields } from "@/components/discussion/thread-fields";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";

/** The kinds a review's thread may take: openReviewThreadAction refuses any other. */
const reviewThreadKinds = ["comment", "question"] as const;

/** A new thread in a review's own discussion: a comment or a question, no quote. */
export function ReviewThreadForm({ reviewId }: { reviewId: string }) {
  const t = useTranslations("discussion");
  const form = useActionForm(openReviewThreadAction, { resetOnSuccess: true });
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="reviewId" value={reviewId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <NewThreadFields
        kinds={reviewThreadKinds}
        titleId="review-thread-title"
        bodyId="review-thread-body"
        fieldError={form.fieldError}
      />
      <SubmitButton pendingLabel={t("posting")}>{t("open")}</SubmitButton>
    </form>
  );
}

/** The secretariat's conclusions, which open the call that may adopt them. */
export function ProposeConclusionsForm({
  reviewId,
  previous,
}: {
  reviewId: string;
  /** Conclusions proposed before (a call that did not adopt them), to start from. */
  previous: string | null;
}) {
  const t = useTranslations("reviews");
  const form = useActionForm(proposeConclusionsAction);
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="reviewId" value={reviewId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <TextAreaField
        id="conclusions"
        label={t("conclusions")}
        hint={t("conclusionsHint")}
        rows={8}
        required
        defaultValue={previous ?? ""}
        error={form.fieldError("conclusions")}
      />
      <SubmitButton pendingLabel={t("proposing")}>{t("propose")}</SubmitButton>
    </form>
  );
}

/** The secretariat opens a review of one standard's mark. */
export function OpenReviewForm({
  standards,
  today,
}: {
  standards: { id: string; name: string }[];
  today: string;
}) {
  const t = useTranslations("reviews");
  const form = useActionForm(openReviewAction, { resetOnSuccess: true });
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SelectField id="standardId" label={t("standard")} error={form.fieldError("standardId")}>
        {standards.map((standard) => (
          <option key={standard.id} value={standard.id}>
            {standard.name}
          </option>
        ))}
      </SelectField>
      <TextField
        id="title"
        label={t("titleLabel")}
        maxLength={200}
        required
        error={form.fieldError("title")}
      />
      <TextAreaField
        id="questions"
        label={t("questions")}
        hint={t("questionsHint")}
        rows={5}
        required
        error={form.fieldError("questions")}
      />
      <DateSpanFields
        first={{ id: "periodStart", label: t("periodStart"), required: true }}
        last={{ id: "periodEnd", label: t("periodEnd"), defaultValue: today, required: true }}
        fieldError={form.fieldError}
      />
      <SubmitButton pendingLabel={t("opening")}>{t("open")}</SubmitButton>
    </form>
  );
}
