"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { hidePositionReason } from "@/lib/decisions/moderation";
import { reasonSchema } from "@/lib/discussion/rules";
import { uuid as id } from "@/lib/validation";

// The mutation decides who may hide; this parses the form.
export const hidePositionReasonAction = defineAction({
  name: "hidePositionReason",
  schema: z.object({ reasonId: id, reason: reasonSchema }),
  run: ({ reasonId, reason }, participant) =>
    hidePositionReason(getDb(), participant, reasonId, reason),
});
