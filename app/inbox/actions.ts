"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { fieldError } from "@/lib/errors";
import { markAllRead, setEmailMode } from "@/lib/notifications/mutations";

export const emailModeAction = defineAction({
  name: "emailMode",
  schema: z.object({ emailMode: z.enum(["immediate", "digest", "off"], fieldError("required")) }),
  signedIn: true,
  run: ({ emailMode }, viewer) => setEmailMode(getDb(), viewer, emailMode),
  revalidate: ["/inbox"],
});

export const markAllReadAction = defineAction({
  name: "markAllRead",
  schema: z.object({}),
  signedIn: true,
  run: (_input, viewer) => markAllRead(getDb(), viewer),
  revalidate: ["/inbox"],
});
