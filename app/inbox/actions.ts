"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { fieldError } from "@/lib/errors";
import { markAllRead, setEmailMode } from "@/lib/notifications/mutations";

export const emailModeAction = defineAction({
  name: "emailMode",
  schema: z.object({ emailMode: z.enum(["immediate", "digest", "off"], fieldError("required")) }),
  run: ({ emailMode }, participant) => setEmailMode(getDb(), participant, emailMode),
  done: { key: "notices.emailModeSaved" },
});

export const markAllReadAction = defineAction({
  name: "markAllRead",
  schema: z.object({}),
  run: (_input, participant) => markAllRead(getDb(), participant),
  done: { key: "notices.allRead" },
});
