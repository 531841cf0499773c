"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/safe-action";
import { requireParticipant, requireSecretariat } from "@/lib/community/authz";
import { getDb } from "@/lib/db/client";
import { openCall, withdrawCall } from "@/lib/decisions/calls";
import { setCharter } from "@/lib/decisions/charter";
import { openCallSchema, positionSchema, reasonSchema, voteSchema } from "@/lib/decisions/inputs";
import { takePosition } from "@/lib/decisions/positions";
import { charterSchema } from "@/lib/decisions/rules";
import { appealDecision, castVote } from "@/lib/decisions/votes";
import { callPath } from "@/lib/paths";
import { uuid as id, slug } from "@/lib/validation";

const revalidate = ["/standards", "/decisions"];

// Signing in is all most of these need; the rules decide who may do what, and when.
export const openCallAction = defineAction({
  name: "openCall",
  schema: openCallSchema.safeExtend({ standardId: id, slug }),
  signedIn: true,
  run: async ({ standardId, slug, ...input }, viewer) => {
    const { number } = await openCall(getDb(), requireParticipant(viewer), standardId, input);
    redirect(callPath(slug, number));
  },
  revalidate,
});

export const takePositionAction = defineAction({
  name: "takePosition",
  schema: positionSchema.safeExtend({ callId: id }),
  signedIn: true,
  run: ({ callId, ...input }, viewer) =>
    takePosition(getDb(), requireParticipant(viewer), callId, input),
  revalidate,
});

export const withdrawCallAction = defineAction({
  name: "withdrawCall",
  schema: reasonSchema.extend({ callId: id }),
  signedIn: true,
  run: ({ callId, reason }, viewer) =>
    withdrawCall(getDb(), requireParticipant(viewer), callId, reason),
  revalidate,
});

export const castVoteAction = defineAction({
  name: "castVote",
  schema: voteSchema.extend({ callId: id }),
  signedIn: true,
  run: ({ callId, ...input }, viewer) =>
    castVote(getDb(), requireParticipant(viewer), callId, input),
  revalidate,
});

export const appealAction = defineAction({
  name: "appealDecision",
  schema: reasonSchema.extend({ callId: id }),
  signedIn: true,
  run: ({ callId, reason }, viewer) =>
    appealDecision(getDb(), requireParticipant(viewer), callId, reason),
  revalidate,
});

export const setCharterAction = defineAction({
  name: "setCharter",
  schema: charterSchema.extend({ standardId: id }),
  signedIn: true,
  run: async ({ standardId, ...charter }, viewer) => {
    const db = getDb();
    const secretariat = await requireSecretariat(db, viewer, "decisions.set_charter");
    await setCharter(db, secretariat, standardId, charter);
  },
  revalidate,
});
