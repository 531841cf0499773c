import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import type { Transaction } from "@/lib/db/client";
import { demoClauses } from "@/lib/demo/clauses";
import { demoMappings } from "@/lib/demo/frameworks";
import { sortMappings } from "@/lib/drafting/mappings";
import { markdownToRichText } from "@/lib/drafting/markdown/text";
import { type ClauseFields, clausePlainText } from "@/lib/drafting/rich-text";
import { formatRef } from "@/lib/drafting/rules";
import {
  clauseEdits,
  clauseRevisions,
  clauses,
  clauseTexts,
  levels,
  modules,
} from "@/lib/drafting/schema";

const DAY = 24 * 60 * 60 * 1000;

/** Pairs of demo people who drafted clauses together, taken in turn. */
const coAuthors = [
  ["noor", "tomas"],
  ["kofi", "mei"],
  ["rosa", "noor"],
  ["lena", "kofi"],
] as const;

/**
 * Fills the demo standard with its clauses, each with a short history: earlier wordings by one
 * person, then the current text by two, so the history and diff pages have something to show.
 * The histories end about a hundred days before `now`, before the calls that adopt them
 * (seed-releases.ts opens them ninety days back), so each clause's revisions are dated in the
 * order of their numbers.
 */
export async function seedDemoClauses(
  tx: Transaction,
  standardId: string,
  emailOf: (key: string) => string,
  now: Date,
): Promise<void> {
  const people = await tx.select({ id: users.id, email: users.email }).from(users);
  const idOf = (key: string) => people.find((person) => person.email === emailOf(key))?.id ?? null;
  const moduleRows = await tx.select().from(modules).where(eq(modules.standardId, standardId));
  const levelRows = await tx.select().from(levels).where(eq(levels.standardId, standardId));
  const counters = new Map<string, number>();
  const daysBack = (days: number) => new Date(now.getTime() - days * DAY);

  for (const [index, demo] of demoClauses.entries()) {
    const module = moduleRows.find((row) => row.code === demo.moduleCode);
    if (!module) throw new Error(`demo clause in unknown module ${demo.moduleCode}`);
    const number = (counters.get(module.code) ?? 0) + 1;
    counters.set(module.code, number);
    const pair = coAuthors[index % coAuthors.length] ?? coAuthors[0];
    const first = idOf(pair[0]);
    const second = idOf(pair[1]);
    const levelId = levelRows.find((row) => row.name === demo.level)?.id ?? null;
    const fieldsWith = (body: string): ClauseFields => ({
      body: markdownToRichText(body),
      assessment: markdownToRichText(demo.assessment),
      examples: markdownToRichText(demo.examples),
    });
    const current = fieldsWith(demo.body);
    const mappings = sortMappings(demoMappings[formatRef(module.code, number)] ?? []);
    const [clause] = await tx
      .insert(clauses)
      .values({
        standardId,
        moduleId: module.id,
        refCode: module.code,
        refNumber: number,
        title: demo.title,
        levelId,
        strength: demo.strength,
        position: number - 1,
        createdBy: first,
        createdAt: daysBack(130),
      })
      .returning({ id: clauses.id });
    if (!clause) throw new Error("could not create a demo clause");
    await tx
      .insert(clauseTexts)
      .values({ clauseId: clause.id, ...current, mappings, plainText: clausePlainText(current) });

    const wordings = [...(demo.earlierBodies ?? []), demo.body];
    for (const [step, body] of wordings.entries()) {
      const fields = step === wordings.length - 1 ? current : fieldsWith(body);
      const isLast = step === wordings.length - 1;
      await tx.insert(clauseRevisions).values({
        clauseId: clause.id,
        number: step + 1,
        kind: "saved",
        note:
          step === 0
            ? "First draft"
            : isLast
              ? "Wording agreed on the call"
              : "Tightened the wording",
        title: demo.title,
        strength: demo.strength,
        levelId,
        ...fields,
        // Mapped when the wording was agreed, so the adopted revision carries the links.
        mappings: isLast ? mappings : [],
        plainText: clausePlainText(fields),
        authorIds: [first, ...(isLast && wordings.length > 1 ? [second] : [])].filter(
          (id): id is string => id !== null,
        ),
        createdBy: isLast ? second : first,
        createdAt: daysBack(120 - step * 7),
      });
    }
    for (const userId of [first, second]) {
      if (userId)
        await tx
          .insert(clauseEdits)
          .values({ clauseId: clause.id, userId, lastEditAt: daysBack(100) });
    }
    await recordAudit(tx, {
      actorId: first,
      action: "drafting.clause_added",
      subjectType: "clause",
      subjectId: formatRef(module.code, number),
      details: { title: demo.title, strength: demo.strength },
    });
  }
}
