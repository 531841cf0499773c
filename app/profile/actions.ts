"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { signOut } from "@/lib/auth";
import { updateProfile } from "@/lib/community/mutations";
import { profileSchema } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { publicUrl } from "@/lib/env";
import { localeCookie } from "@/lib/locale";
import { returnPathField } from "@/lib/validation";

/** Saves the profile; from the welcome page it then goes on to where the person was going. */
export const saveProfile = defineAction({
  name: "saveProfile",
  schema: profileSchema.extend({ next: returnPathField }),
  run: async ({ next: _, ...input }, participant) => {
    await updateProfile(getDb(), participant, input);
    // This browser follows the choice at once, signed in or, later, signed out.
    if (input.language) {
      const cookie = localeCookie(input.language, publicUrl());
      (await cookies()).set(cookie.name, cookie.value, cookie.options);
    }
  },
  done: { key: "profile.saved" },
  redirectTo: (_, { next }) => next ?? null,
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
