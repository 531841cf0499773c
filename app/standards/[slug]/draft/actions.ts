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
import { uuid as clauseId, positiveInt4, slug } from "@/lib/validation";

// Each mutation checks who may do it; these only parse the form and pick what to refresh.
export const addClauseAction = defineAction({
  name: "addClause",
  schema: clauseMetaSchema.extend({ standardSlug: slug }),
  signedIn: true,
  run: (input, viewer) => createClause(getDb(), viewer, input),
  revalidate: ["/standards"],
});

export const updateClauseAction = defineAction({
  name: "updateClause",
  schema: clauseMetaSchema.extend({ clauseId }),
  signedIn: true,
  run: ({ clauseId: id, ...input }, viewer) => updateClauseMeta(getDb(), viewer, id, input),
  revalidate: ["/standards"],
});

export const restoreRevisionAction = defineAction({
  name: "restoreRevision",
  schema: z.object({ clauseId, number: positiveInt4 }),
  signedIn: true,
  run: ({ clauseId: id, number }, viewer) =>
    restoreRevision(getDb(), viewer, id, number, (target, fields, userId) =>
      replaceClauseText(collabInternalUrl(), authSecret(), target, {
        userId,
        fields,
      }),
    ),
  revalidate: ["/standards"],
});

export const moveClauseAction = defineAction({
  name: "moveClause",
  schema: z.object({ clauseId, direction: z.enum(["up", "down"], fieldError("required")) }),
  signedIn: true,
  run: ({ clauseId: id, direction }, viewer) => moveClause(getDb(), viewer, id, direction),
  revalidate: ["/standards"],
});

export const retireClauseAction = defineAction({
  name: "retireClause",
  schema: z.object({ clauseId }),
  signedIn: true,
  run: ({ clauseId: id }, viewer) =>
    retireClause(getDb(), viewer, id, new Date(), (target) =>
      closeClauseConnections(collabInternalUrl(), authSecret(), target),
    ),
  revalidate: ["/standards"],
});

export const saveRevisionAction = defineAction({
  name: "saveRevision",
  schema: revisionNoteSchema.extend({ clauseId }),
  signedIn: true,
  run: ({ clauseId: id, note }, viewer) => saveRevision(getDb(), viewer, id, note),
  revalidate: ["/standards"],
});
