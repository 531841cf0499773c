"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { requireSecretariat } from "@/lib/community/authz";
import { getDb } from "@/lib/db/client";
import { openCall, withdrawCall } from "@/lib/decisions/calls";
import { setFoundingCharter } from "@/lib/decisions/charter";
import { proposeCharter } from "@/lib/decisions/charter-calls";
import { openCallSchema, positionSchema, reasonSchema, voteSchema } from "@/lib/decisions/inputs";
import { takePosition } from "@/lib/decisions/positions";
import { charterSchema } from "@/lib/decisions/rules";
import { appealDecision, castVote } from "@/lib/decisions/votes";
import { callPath } from "@/lib/paths";
import { uuid as id, slug } from "@/lib/validation";

// The mutations decide who may do what, and when; these parse the forms.
export const openCallAction = defineAction({
  name: "openCall",
  schema: openCallSchema.safeExtend({ standardId: id, slug }),
  run: ({ standardId, slug: _slug, ...input }, participant) =>
    openCall(getDb(), participant, standardId, input),
  done: { key: "notices.callOpened" },
  redirectTo: ({ number }, { slug }) => callPath(slug, number),
});

export const takePositionAction = defineAction({
  name: "takePosition",
  schema: positionSchema.safeExtend({ callId: id }),
  run: ({ callId, ...input }, participant) => takePosition(getDb(), participant, callId, input),
  done: { key: "decisions.positionSaved" },
});

export const withdrawCallAction = defineAction({
  name: "withdrawCall",
  schema: reasonSchema.extend({ callId: id }),
  run: ({ callId, reason }, participant) => withdrawCall(getDb(), participant, callId, reason),
  done: { key: "decisions.withdrawn" },
});

export const castVoteAction = defineAction({
  name: "castVote",
  schema: voteSchema.extend({ callId: id }),
  run: ({ callId, ...input }, participant) => castVote(getDb(), participant, callId, input),
  done: { key: "decisions.voteSaved" },
});

export const appealAction = defineAction({
  name: "appealDecision",
  schema: reasonSchema.extend({ callId: id }),
  run: ({ callId, reason }, participant) => appealDecision(getDb(), participant, callId, reason),
  done: { key: "decisions.appealed" },
});

// Anyone signed in proposes new numbers; a call decides them (DESIGN, governance rule 8).
export const proposeCharterAction = defineAction({
  name: "proposeCharter",
  schema: charterSchema.extend({ standardId: id, slug, reason: reasonSchema.shape.reason }),
  run: ({ standardId, slug: _slug, reason, ...charter }, participant) =>
    proposeCharter(getDb(), participant, standardId, { charter, reason }),
  done: ({ number }, { slug }) => ({
    key: "decisions.charter.proposed",
    params: { number },
    href: callPath(slug, number),
  }),
});

/** A new standard's first numbers, before the community has adopted anything. */
export const setFoundingCharterAction = defineAction({
  name: "setFoundingCharter",
  schema: charterSchema.extend({ standardId: id }),
  run: async ({ standardId, ...charter }, participant) => {
    const db = getDb();
    const secretariat = await requireSecretariat(db, participant, "decisions.set_charter");
    await setFoundingCharter(db, secretariat, standardId, charter);
  },
  done: { key: "decisions.charter.saved" },
});
