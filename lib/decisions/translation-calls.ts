import "server-only";
import type { Participant } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { insertCall } from "@/lib/decisions/calls";
import { freezeForCall } from "@/lib/translations/mutations";

const languageNames = { fr: "French", de: "German" } as const;

/**
 * Anyone signed in opens the call that may adopt a complete translation, in one transaction with
 * freezing its text: the community adopts a translation as it adopts a release. Refused while
 * any clause is untranslated, or while another call holds the translation.
 */
export async function openTranslationCall(
  db: Database,
  proposer: Participant,
  translationId: string,
  input: { description: string },
  now = new Date(),
): Promise<{ callNumber: number }> {
  return db.transaction(async (tx) => {
    const { translation, release } = await freezeForCall(tx, translationId);
    const call = await insertCall(
      tx,
      proposer.id,
      release.standardId,
      {
        kind: "translation",
        title: `Adopt the ${languageNames[translation.locale]} translation of ${release.content.standard.name} ${release.version}`,
        description: input.description,
        organisations: "",
        clauseId: null,
        revisionId: null,
        releaseId: null,
        translationId: translation.id,
      },
      now,
    );
    return { callNumber: call.number };
  });
}
