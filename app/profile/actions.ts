"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { createToken, revokeToken, scopes, TOKEN_EXPIRY_DAYS, tokenName } from "@/lib/api/tokens";
import { signOut } from "@/lib/auth";
import { updateProfile } from "@/lib/community/mutations";
import { profileSchema } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { checkedIds } from "@/lib/decisions/inputs";
import { publicUrl } from "@/lib/env";
import { fieldError } from "@/lib/errors";
import { localeCookie } from "@/lib/locale";
import { returnPathField, uuid } from "@/lib/validation";

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

/**
 * Makes an access token. Its value goes back in this action's result only, for the form to show
 * once: never in the notice (a cookie) nor in an address.
 */
export const createTokenAction = defineAction({
  name: "createToken",
  schema: z.preprocess(
    checkedIds("scope:", "scopes"),
    z.object({
      // Not `name`: the profile form above it on the page has a field of that name.
      tokenName: z
        .string(fieldError("required"))
        .trim()
        .min(1, fieldError("required"))
        .max(40, fieldError("too_long"))
        .pipe(tokenName),
      scopes: z.array(z.enum(scopes, fieldError("invalid"))).min(1, fieldError("required")),
      expiresInDays: z
        .enum(
          TOKEN_EXPIRY_DAYS.map((days) => String(days)),
          fieldError("required"),
        )
        .transform(Number),
    }),
  ),
  run: async ({ tokenName: name, ...input }, participant) => {
    const { token } = await createToken(getDb(), participant, { name, ...input });
    return { token, name };
  },
  done: ({ name }) => ({ key: "profile.tokens.created", params: { name } }),
});

export const revokeTokenAction = defineAction({
  name: "revokeToken",
  schema: z.object({ tokenId: uuid }),
  run: ({ tokenId }, participant) => revokeToken(getDb(), participant, tokenId),
  done: ({ name }) => ({ key: "profile.tokens.revoked", params: { name } }),
});
