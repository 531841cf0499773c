import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { openTranslationCall } from "@/lib/decisions/translation-calls";
import { type DemoTranslation, frenchClauses, germanClauses } from "@/lib/demo/translation-texts";
import { demoViewers } from "@/lib/demo/viewers";
import { releases } from "@/lib/releases/schema";
import { parseClauseTranslation } from "@/lib/translations/fields";
import { startTranslation, translateClause } from "@/lib/translations/mutations";

/**
 * Translations of release 1.1.0, made as volunteers would: a French one translated clause by
 * clause, adopted by a call and published; a German one started later, a few clauses done.
 * Times are in the past, after 1.1.0 was published (18 days ago).
 */
export async function seedDemoTranslations(
  db: Database,
  standardId: string,
  emailOf: (key: string) => string,
  now = new Date(),
): Promise<void> {
  const at = (days: number) => addDays(now, days);
  const who = demoViewers(db, emailOf, now);
  const [release] = await db
    .select()
    .from(releases)
    .where(and(eq(releases.standardId, standardId), eq(releases.version, "1.1.0")));
  if (!release) throw new Error("demo release 1.1.0 is missing");
  const translate = async (
    translationId: string,
    texts: Record<string, DemoTranslation>,
    translators: string[],
    day: number,
  ) => {
    const refs = release.content.clauses.map((clause) => clause.ref).filter((ref) => texts[ref]);
    for (const [index, ref] of refs.entries()) {
      const key = translators[index % translators.length] ?? "lena";
      // Words go through the same checks as a translator's form.
      const text = parseClauseTranslation(texts[ref]);
      await translateClause(
        db,
        await who(key),
        { translationId, ref, text },
        at(day + index / 100),
      );
    }
  };

  const missing = release.content.clauses.filter((clause) => !frenchClauses[clause.ref]);
  if (missing.length > 0) {
    throw new Error(`no French demo text for ${missing.map((clause) => clause.ref).join(", ")}`);
  }
  const french = await startTranslation(
    db,
    await who("lena"),
    { releaseId: release.id, locale: "fr" },
    at(-17),
  );
  await translate(french.id, frenchClauses, ["lena", "amara"], -17);
  const { callNumber } = await openTranslationCall(
    db,
    await who("lena"),
    french.id,
    { description: "Every clause is translated and was read again by a second translator." },
    at(-16),
  );
  const [call] = await db
    .select({ id: calls.id, closesAt: calls.closesAt })
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.number, callNumber)));
  if (!call) throw new Error("the demo translation call is missing");
  for (const key of ["noor", "kofi", "mei"]) {
    await takePosition(db, await who(key), call.id, { stance: "support", reason: "" }, at(-15));
  }
  await closeDue(db, addDays(call.closesAt, 0.01));

  const german = await startTranslation(
    db,
    await who("jonas"),
    { releaseId: release.id, locale: "de" },
    at(-5),
  );
  await translate(german.id, germanClauses, ["jonas"], -5);
}
