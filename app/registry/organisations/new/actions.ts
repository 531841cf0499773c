"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { organisationManagePath } from "@/lib/paths";
import { registerOrganisation } from "@/lib/registry/organisations";
import { organisationSchema } from "@/lib/registry/organisations-rules";

// Anyone signed in may register an organisation; lib/registry parses again and records it.
export const registerOrganisationAction = defineAction({
  name: "registerOrganisation",
  schema: organisationSchema,
  run: (input, participant) => registerOrganisation(getDb(), participant, input),
  done: (_data, input) => ({
    key: "registry.organisations.notices.registered",
    params: { name: input.name },
  }),
  redirectTo: ({ slug }) => organisationManagePath(slug),
});
