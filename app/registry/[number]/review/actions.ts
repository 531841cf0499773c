"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { requireGroupMember } from "@/lib/community/authz";
import { getDb } from "@/lib/db/client";
import { fieldError } from "@/lib/errors";
import { reviewDeclaration } from "@/lib/registry/review";

/** The review form: a verdict button, and `comments.<ref>` boxes plus `comment` for the whole. */
export const reviewDeclarationAction = defineAction({
  name: "reviewDeclaration",
  schema: z.looseObject({
    number: z.coerce.number(fieldError("invalid")).int().positive(),
    verdict: z.enum(["approved", "changes_requested"], fieldError("invalid")),
  }),
  run: async (input, participant) => {
    const db = getDb();
    const member = await requireGroupMember(
      db,
      participant,
      "advisory_group",
      "registry.review_declaration",
    );
    const comments: Record<string, string> = {};
    for (const [key, value] of Object.entries(input)) {
      if (typeof value !== "string") continue;
      if (key === "comment") comments[""] = value;
      const ref = /^comments\.(.+)$/.exec(key)?.[1];
      if (ref) comments[ref] = value;
    }
    await reviewDeclaration(db, member, input.number, { verdict: input.verdict, comments });
    return { verdict: input.verdict };
  },
  done: ({ verdict }) => ({
    key: verdict === "approved" ? "registry.review.approved" : "registry.review.changesRequested",
  }),
});
