"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { declarationEditPath } from "@/lib/paths";
import { startFormSchema, startInputOf } from "@/lib/registry/declaration-input";
import { startDeclaration } from "@/lib/registry/declarations";
import { representativeOf } from "@/lib/registry/organisations";

// The representative is checked in lib, against the organisation the form names.
export const startDeclarationAction = defineAction({
  name: "startDeclaration",
  schema: startFormSchema,
  run: async (input, participant) => {
    const db = getDb();
    const rep = await representativeOf(db, participant, input.organisation, "registry.declare");
    return startDeclaration(db, rep, startInputOf(input));
  },
  done: { key: "registry.declare.started" },
  redirectTo: ({ number }) => declarationEditPath(number),
});
