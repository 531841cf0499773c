"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { closeClauseConnections, replaceClauseText } from "@/lib/collab/internal";
import { getDb } from "@/lib/db/client";
import {
  createClause,
  moveClause,
  retireClause,
  saveRevision,
  updateClauseMeta,
} from "@/lib/drafting/mutations";
import { restoreRevision } from "@/lib/drafting/restore";
import { clauseMetaSchema, revisionNoteSchema } from "@/lib/drafting/rules";
import { authSecret, collabInternalUrl } from "@/lib/env";
import { fieldError } from "@/lib/errors";
import { draftClausePath } from "@/lib/paths";
import { uuid as clauseId, positiveInt4, slug } from "@/lib/validation";

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

export const updateClauseAction = defineAction({
  name: "updateClause",
  schema: clauseMetaSchema.extend({ clauseId }),
  run: ({ clauseId: id, ...input }, participant) =>
    updateClauseMeta(getDb(), participant, id, input),
  done: { key: "drafting.structureSaved" },
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

export const retireClauseAction = defineAction({
  name: "retireClause",
  schema: z.object({ clauseId }),
  run: ({ clauseId: id }, participant) =>
    retireClause(getDb(), participant, id, new Date(), (target) =>
      closeClauseConnections(collabInternalUrl(), authSecret(), target),
    ),
  done: { key: "notices.clauseRetired" },
});

export const saveRevisionAction = defineAction({
  name: "saveRevision",
  schema: revisionNoteSchema.extend({ clauseId }),
  run: ({ clauseId: id, note }, participant) => saveRevision(getDb(), participant, id, note),
  done: (number) => ({ key: "drafting.revisionSaved", params: { number } }),
});
