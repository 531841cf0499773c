"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { signOut } from "@/lib/auth";
import { updateProfile } from "@/lib/community/mutations";
import { profileSchema } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";

export const saveProfile = defineAction({
  name: "saveProfile",
  schema: profileSchema,
  run: (input, participant) => updateProfile(getDb(), participant, input),
  done: { key: "profile.saved" },
});

export const signOutAction = defineAction({
  name: "signOut",
  schema: z.object({}),
  // Without a session there is nothing to end: it goes home all the same.
  public: true,
  run: () => signOut(),
  done: { key: "notices.signedOut" },
  redirectTo: () => "/",
});
