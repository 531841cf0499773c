"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { requireSecretariat } from "@/lib/community/authz";
import { getDb } from "@/lib/db/client";
import { importMarkdown, importSchema } from "@/lib/drafting/transfer";
import { draftPath } from "@/lib/paths";

/** Checks the secretariat, parses, then imports in one transaction (lib/drafting/transfer.ts). */
export const importStandardAction = defineAction({
  name: "importStandard",
  schema: importSchema,
  run: async (input, participant) => {
    const db = getDb();
    const secretary = await requireSecretariat(db, participant, "drafting.import_standard");
    return importMarkdown(db, secretary, input);
  },
  // A document with problems imports nothing: the form lists them.
  done: (outcome) =>
    "slug" in outcome
      ? {
          key: "importing.imported",
          params: { count: outcome.clauses },
          href: draftPath(outcome.slug),
        }
      : null,
});
