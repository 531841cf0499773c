"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { authSecret } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { unsubscribe } from "@/lib/notifications/mutations";
import { readUnsubscribeToken } from "@/lib/notifications/tokens";
import { linkToken } from "@/lib/validation";

/** Works without a session: the token alone names the one watch it may end. */
export const unsubscribeAction = defineAction({
  name: "unsubscribe",
  schema: z.object({ token: linkToken }),
  public: true,
  run: async ({ token }) => {
    const target = readUnsubscribeToken(token, authSecret());
    if (!target) throw new DomainError("not_found");
    await unsubscribe(getDb(), target.watchId, target.userId);
  },
  done: { key: "unsubscribe.done" },
});
