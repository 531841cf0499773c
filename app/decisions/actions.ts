"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { openCallSchema, positionSchema, reasonSchema, voteSchema } from "@/lib/decisions/inputs";
import {
  appealDecision,
  castVote,
  openCall,
  setCharter,
  takePosition,
  withdrawCall,
} from "@/lib/decisions/mutations";
import { charterSchema } from "@/lib/decisions/rules";
import { callPath } from "@/lib/paths";
import { uuid as id, slug } from "@/lib/validation";

const revalidate = ["/standards", "/decisions"];

// The mutations decide who may do what, and when; these parse the forms.
export const openCallAction = defineAction({
  name: "openCall",
  schema: openCallSchema.safeExtend({ standardId: id, slug }),
  signedIn: true,
  run: async ({ standardId, slug, ...input }, viewer) => {
    const { number } = await openCall(getDb(), viewer, standardId, input);
    redirect(callPath(slug, number));
  },
  revalidate,
});

export const takePositionAction = defineAction({
  name: "takePosition",
  schema: positionSchema.safeExtend({ callId: id }),
  signedIn: true,
  run: ({ callId, ...input }, viewer) => takePosition(getDb(), viewer, callId, input),
  revalidate,
});

export const withdrawCallAction = defineAction({
  name: "withdrawCall",
  schema: reasonSchema.extend({ callId: id }),
  signedIn: true,
  run: ({ callId, reason }, viewer) => withdrawCall(getDb(), viewer, callId, reason),
  revalidate,
});

export const castVoteAction = defineAction({
  name: "castVote",
  schema: voteSchema.extend({ callId: id }),
  signedIn: true,
  run: ({ callId, ...input }, viewer) => castVote(getDb(), viewer, callId, input),
  revalidate,
});

export const appealAction = defineAction({
  name: "appealDecision",
  schema: reasonSchema.extend({ callId: id }),
  signedIn: true,
  run: ({ callId, reason }, viewer) => appealDecision(getDb(), viewer, callId, reason),
  revalidate,
});

export const setCharterAction = defineAction({
  name: "setCharter",
  schema: charterSchema.extend({ standardId: id }),
  signedIn: true,
  run: ({ standardId, ...charter }, viewer) => setCharter(getDb(), viewer, standardId, charter),
  revalidate,
});
