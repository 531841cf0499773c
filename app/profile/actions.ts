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
  signedIn: true,
  run: (input, viewer) => updateProfile(getDb(), viewer, input),
  revalidate: ["/profile", "/groups"],
});

export const signOutAction = defineAction({
  name: "signOut",
  schema: z.object({}),
  run: async () => {
    await signOut({ redirectTo: "/" });
  },
});
