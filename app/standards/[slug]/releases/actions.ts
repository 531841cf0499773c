"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { requireParticipant } from "@/lib/community/authz";
import { getDb } from "@/lib/db/client";
import { prepareRelease } from "@/lib/decisions/release-calls";
import { prepareReleaseSchema, withdrawRelease } from "@/lib/releases/mutations";
import { uuid as id, plainText } from "@/lib/validation";

// lib/ decides who may prepare or withdraw a release; these parse the forms.
export const prepareReleaseAction = defineAction({
  name: "prepareRelease",
  schema: prepareReleaseSchema.extend({ standardId: id }),
  signedIn: true,
  run: ({ standardId, ...input }, viewer) =>
    prepareRelease(getDb(), requireParticipant(viewer), standardId, input),
  revalidate: ["/standards", "/decisions"],
});

export const withdrawReleaseAction = defineAction({
  name: "withdrawRelease",
  schema: z.object({
    releaseId: id,
    reason: plainText(2000, { required: true, markup: true }),
  }),
  signedIn: true,
  run: ({ releaseId, reason }, viewer) => withdrawRelease(getDb(), viewer, releaseId, reason),
  revalidate: ["/standards"],
});
