"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { requireSecretariat } from "@/lib/community/authz";
import { appointMember, endMembership, setSecretariat } from "@/lib/community/mutations";
import { appointmentSchema } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { fieldError } from "@/lib/errors";
import { uuid } from "@/lib/validation";

// Each mutation takes the secretariat's proof, minted here; the page showing the forms is not the
// guard.
export const appointAction = defineAction({
  name: "appointMember",
  schema: appointmentSchema,
  run: async (input, participant) => {
    const db = getDb();
    const secretary = await requireSecretariat(db, participant, "community.appoint_member");
    await appointMember(db, secretary, input);
  },
  done: { key: "secretariat.appointed" },
});

export const endMembershipAction = defineAction({
  name: "endMembership",
  schema: z.object({ membershipId: uuid }),
  run: async ({ membershipId }, participant) => {
    const db = getDb();
    const secretary = await requireSecretariat(db, participant, "community.end_membership");
    await endMembership(db, secretary, membershipId);
  },
  done: { key: "notices.membershipEnded" },
});

export const setSecretariatAction = defineAction({
  name: "setSecretariat",
  schema: z.object({
    email: z.email(fieldError("invalid_email")).transform((value) => value.toLowerCase()),
    grant: z.enum(["true", "false"], fieldError("required")).transform((value) => value === "true"),
  }),
  run: async ({ email, grant }, participant) => {
    const db = getDb();
    const secretary = await requireSecretariat(db, participant, "community.set_secretariat");
    await setSecretariat(db, secretary, { email, isSecretariat: grant });
  },
  done: { key: "notices.secretariatSaved" },
});
