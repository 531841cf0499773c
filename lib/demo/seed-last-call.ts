import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { openLastCall } from "@/lib/decisions/last-call";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { callItems } from "@/lib/decisions/schema";
import { demoViewers } from "@/lib/demo/viewers";
import { markdownToRichText } from "@/lib/drafting/markdown/text-read";
import { clausePlainText } from "@/lib/drafting/rich-text";
import { clauses, clauseTexts } from "@/lib/drafting/schema";

/** Three hardware clauses reworded in the working draft since they were adopted. */
const rewordings: [code: string, number: number, body: string][] = [
  [
    "HW",
    2,
    "The device **MUST** open, and its battery, screen and charging port **MUST** come out, with tools sold in any hardware shop: no glue, no proprietary screws, no pairing of parts to the board.",
  ],
  [
    "HW",
    3,
    "The manufacturer **MUST** sell spare parts, at a published price, for the whole support period and **SHOULD** keep selling them for three years after it ends.",
  ],
  [
    "HW",
    5,
    "The device's core functions **MUST** keep working without an internet connection, and **MUST NOT** stop working when the vendor's cloud service closes.",
  ],
];

/**
 * A last call in progress over the three reworded clauses, opened five days ago: most support
 * it, and one participant objects to the spare-parts clause alone, naming it.
 */
export async function seedDemoLastCall(
  db: Database,
  standardId: string,
  emailOf: (key: string) => string,
  now = new Date(),
): Promise<void> {
  const at = (days: number) => addDays(now, days);
  const who = demoViewers(db, emailOf, now);
  const refs: string[] = [];
  for (const [code, number, body] of rewordings) {
    const [clause] = await db
      .select()
      .from(clauses)
      .where(
        and(
          eq(clauses.standardId, standardId),
          eq(clauses.refCode, code),
          eq(clauses.refNumber, number),
        ),
      );
    const [text] = clause
      ? await db.select().from(clauseTexts).where(eq(clauseTexts.clauseId, clause.id))
      : [];
    if (!clause || !text) throw new Error(`demo clause ${code}-${number} is missing`);
    const fields = {
      body: markdownToRichText(body),
      assessment: text.assessment,
      examples: text.examples,
    };
    await db
      .update(clauseTexts)
      .set({
        body: fields.body,
        plainText: clausePlainText(fields),
        yjsState: null,
        updatedAt: at(-6),
      })
      .where(eq(clauseTexts.clauseId, clause.id));
    refs.push(`${code}-${number}`);
  }
  const call = await openLastCall(
    db,
    await who("noor"),
    standardId,
    {
      title: "Last call on the hardware rewording",
      description:
        "Three hardware clauses were reworded after the repair workshop. I propose we adopt all three together.",
      organisations: "",
      scope: { kind: "picked", clauseRefs: refs, sectionSlugs: [] },
    },
    at(-5),
  );
  for (const key of ["noor", "lena", "mei"]) {
    await takePosition(
      db,
      await who(key),
      call.id,
      { stance: key === "mei" ? "no_objection" : "support", reason: "" },
      at(-4),
    );
  }
  const [spareParts] = await db
    .select({ id: callItems.id })
    .from(callItems)
    .innerJoin(clauses, eq(clauses.id, callItems.clauseId))
    .where(and(eq(callItems.callId, call.id), eq(clauses.refNumber, 3)));
  await takePosition(
    db,
    await who("kofi"),
    call.id,
    {
      stance: "object",
      reason:
        "Three years beyond the support period is more than small makers can stock. Ask for the support period, and keep the rest as a recommendation elsewhere.",
      itemIds: spareParts ? [spareParts.id] : [],
    },
    at(-3),
  );
}
