"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { organisationManagePath } from "@/lib/paths";
import { acceptInvitation } from "@/lib/registry/invitations";
import { linkToken } from "@/lib/validation";

// Whoever holds the link and is signed in may accept; lib/registry checks the token's state.
export const acceptInvitationAction = defineAction({
  name: "acceptInvitation",
  schema: z.object({ token: linkToken }),
  run: ({ token }, participant) => acceptInvitation(getDb(), participant, token),
  done: ({ name }) => ({ key: "registry.invitations.accepted", params: { name } }),
  redirectTo: ({ slug }) => organisationManagePath(slug),
});
