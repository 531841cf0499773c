"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { appointMember, endMembership, setSecretariat } from "@/lib/community/mutations";
import { appointmentSchema } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { fieldError } from "@/lib/errors";
import { uuid } from "@/lib/validation";

const revalidate = ["/secretariat", "/groups", "/transparency"];

// Each mutation checks the secretariat role itself; the page showing the forms is not the guard.
export const appointAction = defineAction({
  name: "appointMember",
  schema: appointmentSchema,
  signedIn: true,
  run: async (input, viewer) => {
    await appointMember(getDb(), viewer, input);
  },
  revalidate,
});

export const endMembershipAction = defineAction({
  name: "endMembership",
  schema: z.object({ membershipId: uuid }),
  signedIn: true,
  run: ({ membershipId }, viewer) => endMembership(getDb(), viewer, membershipId),
  revalidate,
});

export const setSecretariatAction = defineAction({
  name: "setSecretariat",
  schema: z.object({
    email: z.email(fieldError("invalid_email")).transform((value) => value.toLowerCase()),
    grant: z.enum(["true", "false"], fieldError("required")).transform((value) => value === "true"),
  }),
  signedIn: true,
  run: ({ email, grant }, viewer) =>
    setSecretariat(getDb(), viewer, { email, isSecretariat: grant }),
  revalidate,
});
