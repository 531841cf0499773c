"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { prepareRelease, prepareReleaseSchema, withdrawRelease } from "@/lib/releases/mutations";

const id = z.uuid({ error: "required" });

// lib/releases decides who may prepare or withdraw a release; these parse the forms.
export const prepareReleaseAction = defineAction({
  name: "prepareRelease",
  schema: prepareReleaseSchema.extend({ standardId: id }),
  signedIn: true,
  run: ({ standardId, ...input }, viewer) => prepareRelease(getDb(), viewer, standardId, input),
  revalidate: ["/standards", "/decisions"],
});

export const withdrawReleaseAction = defineAction({
  name: "withdrawRelease",
  schema: z.object({
    releaseId: id,
    reason: z.string().trim().min(1, { error: "required" }).max(2000, { error: "too_long" }),
  }),
  signedIn: true,
  run: ({ releaseId, reason }, viewer) => withdrawRelease(getDb(), viewer, releaseId, reason),
  revalidate: ["/standards"],
});
