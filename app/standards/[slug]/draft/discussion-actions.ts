"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import {
  deleteComment,
  editComment,
  hideComment,
  openThread,
  reply,
  setThreadStatus,
  settleObjection,
} from "@/lib/discussion/mutations";
import { commentBodySchema, openThreadSchema, reasonSchema } from "@/lib/discussion/rules";
import { fieldError } from "@/lib/errors";
import { setWatch } from "@/lib/notifications/mutations";
import { uuid as id } from "@/lib/validation";

const revalidate = ["/standards"];

// The mutations decide who may do what; these parse the forms.
export const openThreadAction = defineAction({
  name: "openThread",
  schema: openThreadSchema.extend({ clauseId: id }),
  signedIn: true,
  run: async ({ clauseId, ...input }, viewer) => {
    await openThread(getDb(), viewer, clauseId, input);
  },
  revalidate,
});

export const replyAction = defineAction({
  name: "reply",
  schema: z.object({
    threadId: id,
    parentId: z.union([z.literal(""), id]).transform((value) => value || null),
    body: commentBodySchema,
  }),
  signedIn: true,
  run: async (input, viewer) => {
    await reply(getDb(), viewer, input);
  },
  revalidate,
});

export const editCommentAction = defineAction({
  name: "editComment",
  schema: z.object({ commentId: id, body: commentBodySchema }),
  signedIn: true,
  run: ({ commentId, body }, viewer) => editComment(getDb(), viewer, commentId, body),
  revalidate,
});

export const deleteCommentAction = defineAction({
  name: "deleteComment",
  schema: z.object({ commentId: id }),
  signedIn: true,
  run: ({ commentId }, viewer) => deleteComment(getDb(), viewer, commentId),
  revalidate,
});

export const hideCommentAction = defineAction({
  name: "hideComment",
  schema: z.object({ commentId: id, reason: reasonSchema }),
  signedIn: true,
  run: ({ commentId, reason }, viewer) => hideComment(getDb(), viewer, commentId, reason),
  revalidate,
});

export const threadStatusAction = defineAction({
  name: "threadStatus",
  schema: z.object({
    threadId: id,
    status: z.enum(["open", "resolved"], fieldError("required")),
    reason: reasonSchema,
  }),
  signedIn: true,
  run: ({ threadId, ...change }, viewer) => setThreadStatus(getDb(), viewer, threadId, change),
  revalidate,
});

export const settleObjectionAction = defineAction({
  name: "settleObjection",
  schema: z.object({
    threadId: id,
    state: z.enum(["withdrawn", "sustained"], fieldError("required")),
  }),
  signedIn: true,
  run: ({ threadId, state }, viewer) => settleObjection(getDb(), viewer, threadId, state),
  revalidate,
});

export const watchAction = defineAction({
  name: "watch",
  schema: z.object({
    target: z.enum(["standard", "module", "clause", "thread"], fieldError("required")),
    targetId: id,
    on: z.enum(["true", "false"], fieldError("required")).transform((value) => value === "true"),
  }),
  signedIn: true,
  run: ({ target, targetId, on }, viewer) => setWatch(getDb(), viewer, target, targetId, on),
  revalidate,
});
