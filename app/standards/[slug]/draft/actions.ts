"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { closeClauseConnections, replaceClauseText } from "@/lib/collab/internal";
import { getDb } from "@/lib/db/client";
import { reasonSchema } from "@/lib/decisions/inputs";
import {
  changeClauseStructure,
  proposeRestoration,
  proposeRetirement,
  type StructureOutcome,
} from "@/lib/decisions/structure";
import { createClause, moveClause, saveRevision } from "@/lib/drafting/mutations";
import { restoreRevision } from "@/lib/drafting/restore";
import { clauseMetaSchema, revisionNoteSchema } from "@/lib/drafting/rules";
import { authSecret, collabInternalUrl } from "@/lib/env";
import { fieldError } from "@/lib/errors";
import { callPath, draftClausePath } from "@/lib/paths";
import { uuid as clauseId, plainText, positiveInt4, slug } from "@/lib/validation";

// Each mutation takes a participant and checks the rest itself; these only parse the form.
export const addClauseAction = defineAction({
  name: "addClause",
  schema: clauseMetaSchema.extend({ standardSlug: slug }),
  run: (input, participant) => createClause(getDb(), participant, input),
  done: ({ ref }, { standardSlug }) => ({
    key: "drafting.added",
    params: { ref },
    href: draftClausePath(standardSlug, ref),
  }),
});

/** The notice for a change a call now decides, linking to the call. */
const decidedBy =
  (key: "notices.retirementProposed" | "notices.restorationProposed" | "notices.moveProposed") =>
  ({ ref, callNumber }: StructureOutcome, { standardSlug }: { standardSlug: string }) =>
    callNumber === null
      ? null
      : { key, params: { ref, number: callNumber }, href: callPath(standardSlug, callNumber) };

// A clause's module changes at once while it was never adopted; once adopted, a call decides.
export const updateClauseAction = defineAction({
  name: "updateClause",
  schema: clauseMetaSchema.extend({
    clauseId,
    standardSlug: slug,
    reason: plainText(2000).default(""),
  }),
  run: ({ clauseId: id, standardSlug: _slug, ...input }, participant) =>
    changeClauseStructure(getDb(), participant, id, input),
  done: (outcome, input) =>
    decidedBy("notices.moveProposed")(outcome, input) ?? { key: "drafting.structureSaved" },
});

export const restoreRevisionAction = defineAction({
  name: "restoreRevision",
  schema: z.object({ clauseId, number: positiveInt4 }),
  run: ({ clauseId: id, number }, participant) =>
    restoreRevision(getDb(), participant, id, number, (target, fields, userId) =>
      replaceClauseText(collabInternalUrl(), authSecret(), target, {
        userId,
        fields,
      }),
    ),
  done: (number) => ({ key: "drafting.restored", params: { number } }),
});

export const moveClauseAction = defineAction({
  name: "moveClause",
  schema: z.object({ clauseId, direction: z.enum(["up", "down"], fieldError("required")) }),
  run: ({ clauseId: id, direction }, participant) =>
    moveClause(getDb(), participant, id, direction),
  done: (_data, { direction }) => ({ key: "notices.clauseMoved", params: { direction } }),
});

// A clause never adopted is retired at once; an adopted one only by the call this opens.
export const retireClauseAction = defineAction({
  name: "retireClause",
  schema: reasonSchema.extend({ clauseId, standardSlug: slug }),
  run: ({ clauseId: id, reason }, participant) =>
    proposeRetirement(getDb(), participant, id, reason, new Date(), (target) =>
      closeClauseConnections(collabInternalUrl(), authSecret(), target),
    ),
  done: (outcome, input) =>
    decidedBy("notices.retirementProposed")(outcome, input) ?? { key: "notices.clauseRetired" },
});

export const restoreClauseAction = defineAction({
  name: "restoreClause",
  schema: reasonSchema.extend({ clauseId, standardSlug: slug }),
  run: ({ clauseId: id, reason }, participant) =>
    proposeRestoration(getDb(), participant, id, reason),
  done: (outcome, input) => decidedBy("notices.restorationProposed")(outcome, input),
});

export const saveRevisionAction = defineAction({
  name: "saveRevision",
  schema: revisionNoteSchema.extend({ clauseId }),
  run: ({ clauseId: id, note }, participant) => saveRevision(getDb(), participant, id, note),
  done: (number) => ({ key: "drafting.revisionSaved", params: { number } }),
});
