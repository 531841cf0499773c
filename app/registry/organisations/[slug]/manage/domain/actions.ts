"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { verifyOrganisationDomain } from "@/lib/registry/domain-verification";
import { slug } from "@/lib/validation";

// The mutation checks that the participant represents the organisation; this parses the form.
export const verifyDomainAction = defineAction({
  name: "verifyDomain",
  schema: z.object({ slug }),
  run: (input, participant) => verifyOrganisationDomain(getDb(), participant, input.slug),
  done: ({ domain }) => ({ key: "registryDomain.done", params: { domain } }),
});
