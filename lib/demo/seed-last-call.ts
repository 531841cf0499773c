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
    6,
    "The manufacturer **MUST** take the product back for recycling free of charge at the end of its life, by post or at a drop-off point, and **MUST** publish how.",
  ],
  [
    "HW",
    7,
    "The product **MUST** let the owner replace its rechargeable battery without specialist tools, heat or solvents, and the manufacturer **MUST** sell replacement batteries for the whole support period.",
  ],
];

/**
 * A last call in progress over the three reworded clauses, opened five days ago: most support
 * it, and one participant objects to the battery clause alone, naming it.
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
  const [battery] = await db
    .select({ id: callItems.id })
    .from(callItems)
    .innerJoin(clauses, eq(clauses.id, callItems.clauseId))
    .where(and(eq(callItems.callId, call.id), eq(clauses.refNumber, 7)));
  await takePosition(
    db,
    await who("kofi"),
    call.id,
    {
      stance: "object",
      reason:
        "Selling batteries for the whole support period is right, but some sealed wearables cannot meet the rest without losing their water resistance. This one needs more work before we adopt it.",
      itemIds: battery ? [battery.id] : [],
    },
    at(-3),
  );
}
