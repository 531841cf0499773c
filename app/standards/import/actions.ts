"use server";

import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { importMarkdown, importSchema } from "@/lib/drafting/transfer";

/** Checks the secretariat, parses, then imports in one transaction (lib/drafting/transfer.ts). */
export const importStandardAction = defineAction({
  name: "importStandard",
  schema: importSchema,
  signedIn: true,
  run: (input, viewer) => importMarkdown(getDb(), viewer, input),
  revalidate: ["/"],
});
