"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { requireSecretariat } from "@/lib/community/authz";
import { getDb } from "@/lib/db/client";
import { prepareRelease } from "@/lib/decisions/release-calls";
import { callPath } from "@/lib/paths";
import { requireReleaseManager } from "@/lib/releases/authz";
import { prepareReleaseSchema, withdrawRelease } from "@/lib/releases/mutations";
import { uuid as id, plainText, slug } from "@/lib/validation";

// Each mutation takes the proof of who may prepare or withdraw a release, minted here.
export const prepareReleaseAction = defineAction({
  name: "prepareRelease",
  schema: prepareReleaseSchema.extend({ standardId: id, slug }),
  run: async ({ standardId, slug: _slug, ...input }, participant) => {
    const db = getDb();
    return prepareRelease(db, await requireReleaseManager(db, participant), standardId, input);
  },
  done: ({ callNumber }, { slug }) => ({
    key: "releases.prepare.done",
    params: { number: callNumber },
    href: callPath(slug, callNumber),
  }),
});

export const withdrawReleaseAction = defineAction({
  name: "withdrawRelease",
  schema: z.object({
    releaseId: id,
    reason: plainText(2000, { required: true, markup: true }),
  }),
  run: async ({ releaseId, reason }, participant) => {
    const db = getDb();
    const secretary = await requireSecretariat(db, participant, "releases.withdraw");
    await withdrawRelease(db, secretary, releaseId, reason);
  },
  done: { key: "notices.releaseWithdrawn" },
});
