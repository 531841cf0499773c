"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { fieldError } from "@/lib/errors";
import { grantRelistingLeave } from "@/lib/registry/relisting";

/** The advisory group's leave to list a struck-off product again before its ban ends. */
export const grantRelistingLeaveAction = defineAction({
  name: "grantRelistingLeave",
  schema: z.object({
    number: z.coerce.number(fieldError("invalid")).int().positive(),
    reason: z.string().default(""),
  }),
  run: (input, participant) =>
    grantRelistingLeave(getDb(), participant, input.number, input.reason),
  done: { key: "registryRelisting.granted" },
});
