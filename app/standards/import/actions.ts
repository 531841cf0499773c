"use server";

import { getTranslations } from "next-intl/server";
import type { ActionNotice } from "@/lib/actions/notice";
import { defineAction } from "@/lib/actions/safe-action";
import { replaceClauseText } from "@/lib/collab/internal";
import { requireSecretariat } from "@/lib/community/authz";
import { getDb } from "@/lib/db/client";
import { adoptingCall } from "@/lib/decisions/founding";
import { importMarkdown, importSchema } from "@/lib/drafting/transfer";
import { authSecret, collabInternalUrl } from "@/lib/env";
import { callPath, draftPath } from "@/lib/paths";

/**
 * Checks the secretariat, then previews (nothing stored) or imports what was previewed, with the
 * call that adopts it, in one transaction (lib/drafting/transfer.ts, lib/decisions/founding.ts).
 */
export const importStandardAction = defineAction({
  name: "importStandard",
  schema: importSchema,
  run: async (input, participant) => {
    const db = getDb();
    const secretary = await requireSecretariat(db, participant, "drafting.import_standard");
    const t = await getTranslations("importing");
    const now = new Date();
    return importMarkdown(db, secretary, input, {
      now,
      replaceWorkingText: (clauseId, fields, userId) =>
        replaceClauseText(collabInternalUrl(), authSecret(), clauseId, { userId, fields }),
      inTransaction: adoptingCall(({ mode, name }) => {
        const texts = mode === "new" ? "foundingCall" : "lastCall";
        return {
          title: t(`${texts}.title`, { name }),
          description: t(`${texts}.description`, { name }),
        };
      }, now),
    });
  },
  // A preview, or a document with problems, imports nothing: the form shows it.
  done: (outcome): ActionNotice | null => {
    if (!("slug" in outcome)) return null;
    if (outcome.callNumber === null)
      return {
        key: "importing.imported",
        params: { count: outcome.clauses },
        href: draftPath(outcome.slug),
      };
    return {
      key: "importing.importedWithCall",
      params: { count: outcome.clauses, sections: outcome.sections, number: outcome.callNumber },
      href: callPath(outcome.slug, outcome.callNumber),
    };
  },
});
