"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { requireGroupMember } from "@/lib/community/authz";
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

// The mutations decide who may do what (hiding takes a moderator's proof, minted here); these parse
// the forms.
export const openThreadAction = defineAction({
  name: "openThread",
  schema: openThreadSchema.extend({ clauseId: id }),
  run: async ({ clauseId, ...input }, participant) => {
    await openThread(getDb(), participant, clauseId, input, new Date(), await getLocale());
  },
  done: { key: "discussion.opened" },
});

export const replyAction = defineAction({
  name: "reply",
  schema: z.object({
    threadId: id,
    parentId: z.union([z.literal(""), id]).transform((value) => value || null),
    body: commentBodySchema,
  }),
  run: async (input, participant) => {
    await reply(getDb(), participant, input, new Date(), await getLocale());
  },
  done: { key: "notices.replyPosted" },
});

export const editCommentAction = defineAction({
  name: "editComment",
  schema: z.object({ commentId: id, body: commentBodySchema }),
  run: ({ commentId, body }, participant) => editComment(getDb(), participant, commentId, body),
  done: { key: "notices.commentEdited" },
});

export const deleteCommentAction = defineAction({
  name: "deleteComment",
  schema: z.object({ commentId: id }),
  run: ({ commentId }, participant) => deleteComment(getDb(), participant, commentId),
  done: { key: "notices.commentDeleted" },
});

export const hideCommentAction = defineAction({
  name: "hideComment",
  schema: z.object({ commentId: id, reason: reasonSchema }),
  run: async ({ commentId, reason }, participant) => {
    const db = getDb();
    const moderator = await requireGroupMember(
      db,
      participant,
      "advisory_group",
      "discussion.hide_comment",
    );
    await hideComment(db, moderator, commentId, reason);
  },
  done: { key: "notices.commentHidden" },
});

export const threadStatusAction = defineAction({
  name: "threadStatus",
  schema: z.object({
    threadId: id,
    status: z.enum(["open", "resolved"], fieldError("required")),
    reason: reasonSchema,
  }),
  run: ({ threadId, ...change }, participant) =>
    setThreadStatus(getDb(), participant, threadId, change),
  done: (_data, { status }) => ({
    key: status === "resolved" ? "notices.threadResolved" : "notices.threadReopened",
  }),
});

export const settleObjectionAction = defineAction({
  name: "settleObjection",
  schema: z.object({
    threadId: id,
    state: z.enum(["withdrawn", "sustained"], fieldError("required")),
  }),
  run: ({ threadId, state }, participant) => settleObjection(getDb(), participant, threadId, state),
  done: (_data, { state }) => ({
    key: state === "withdrawn" ? "notices.objectionWithdrawn" : "notices.objectionSustained",
  }),
});

export const watchAction = defineAction({
  name: "watch",
  schema: z.object({
    target: z.enum(["standard", "module", "clause", "thread"], fieldError("required")),
    targetId: id,
    on: z.enum(["true", "false"], fieldError("required")).transform((value) => value === "true"),
  }),
  run: ({ target, targetId, on }, participant) =>
    setWatch(getDb(), participant, target, targetId, on),
  done: (_data, { target, on }) => ({
    key: on ? "notices.watchOn" : "notices.watchOff",
    params: { target },
  }),
});
