"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { requireGroupMember } from "@/lib/community/authz";
import { getDb } from "@/lib/db/client";
import { hidePositionReason } from "@/lib/decisions/moderation";
import { reasonSchema } from "@/lib/discussion/rules";
import { uuid as id } from "@/lib/validation";

// The advisory group moderates; this checks membership and parses the form.
export const hidePositionReasonAction = defineAction({
  name: "hidePositionReason",
  schema: z.object({ reasonId: id, reason: reasonSchema }),
  run: async ({ reasonId, reason }, participant) => {
    const db = getDb();
    const moderator = await requireGroupMember(
      db,
      participant,
      "advisory_group",
      "decisions.hide_position_reason",
    );
    await hidePositionReason(db, moderator, reasonId, reason);
  },
  done: { key: "notices.reasonHidden" },
});
