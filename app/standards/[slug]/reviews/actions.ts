"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { requireSecretariat } from "@/lib/community/authz";
import { getDb } from "@/lib/db/client";
import { openReviewThread } from "@/lib/discussion/mutations";
import { openThreadSchema } from "@/lib/discussion/rules";
import { fieldError } from "@/lib/errors";
import { conclusionsSchema, openReview, proposeConclusions } from "@/lib/reviews/reviews";
import { uuid as id } from "@/lib/validation";

// Anyone signed in discusses a review; only the secretariat opens one or proposes its
// conclusions, and lib/ mints that proof here, whatever the page showed.
export const openReviewThreadAction = defineAction({
  name: "openReviewThread",
  schema: openThreadSchema
    .omit({ anchor: true, kind: true, quote: true })
    .extend({ reviewId: id, kind: z.enum(["comment", "question"], fieldError("required")) }),
  run: async ({ reviewId, ...input }, participant) => {
    await openReviewThread(
      getDb(),
      participant,
      reviewId,
      { ...input, quote: null },
      new Date(),
      await getLocale(),
    );
  },
  done: { key: "discussion.opened" },
});

export const proposeConclusionsAction = defineAction({
  name: "proposeConclusions",
  schema: conclusionsSchema.extend({ reviewId: id }),
  run: async ({ reviewId, conclusions }, participant) => {
    const db = getDb();
    const secretary = await requireSecretariat(db, participant, "reviews.propose_conclusions");
    return proposeConclusions(db, secretary, reviewId, { conclusions });
  },
  done: { key: "reviews.proposed" },
});

export const openReviewAction = defineAction({
  name: "openReview",
  schema: z.object({
    standardId: id,
    title: z.string(),
    questions: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
  }),
  run: async ({ standardId, periodStart, periodEnd, ...input }, participant) => {
    const db = getDb();
    const secretary = await requireSecretariat(db, participant, "reviews.open_review");
    // lib/reviews checks every field, dates included, and names the one that is wrong.
    return openReview(db, secretary, standardId, {
      ...input,
      periodStart: new Date(`${periodStart}T00:00:00Z`),
      periodEnd: new Date(`${periodEnd}T00:00:00Z`),
    });
  },
  done: { key: "reviews.opened" },
});
