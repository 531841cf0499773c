"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { declarationEditPath } from "@/lib/paths";
import { requireRepresentative } from "@/lib/registry/authz";
import { startFormSchema, startInputOf } from "@/lib/registry/declaration-input";
import { startDeclaration } from "@/lib/registry/declarations";
import { organisationBySlug } from "@/lib/registry/working-copy";

// The representative is checked in lib, against the organisation the form names.
export const startDeclarationAction = defineAction({
  name: "startDeclaration",
  schema: startFormSchema,
  run: async (input, participant) => {
    const db = getDb();
    const organisation = await organisationBySlug(db, input.organisation);
    if (!organisation) throw new DomainError("not_found");
    const rep = await requireRepresentative(db, participant, organisation.id, "registry.declare");
    return startDeclaration(db, rep, startInputOf(input));
  },
  done: { key: "registry.declare.started" },
  redirectTo: ({ number }) => declarationEditPath(number),
});
