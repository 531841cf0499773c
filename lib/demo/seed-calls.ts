import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { openCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { castVote } from "@/lib/decisions/votes";
import { demoViewers } from "@/lib/demo/viewers";
import { settleObjection } from "@/lib/discussion/mutations";
import { threads } from "@/lib/discussion/schema";

/**
 * A few calls at different stages, made through the same rules as real ones, with times set in
 * the past: one adopted by rough consensus, one the advisory group is deciding, one still open.
 */
export async function seedDemoCalls(
  db: Database,
  standardId: string,
  emailOf: (key: string) => string,
  now = new Date(),
): Promise<void> {
  const at = (days: number) => addDays(now, days);
  const who = demoViewers(db, emailOf, now);
  const open = async (
    key: string,
    days: number,
    input: { clauseRef?: string; title: string; description: string; organisations?: string },
  ) => {
    const { id } = await openCall(
      db,
      await who(key),
      standardId,
      {
        kind: input.clauseRef ? "clause_revision" : "question",
        clauseRef: input.clauseRef ?? "",
        revision: null,
        title: input.title,
        description: input.description,
        organisations: input.organisations ?? "",
      },
      at(days),
    );
    return id;
  };
  // Adopted by rough consensus.
  const adopted = await open("noor", -20, {
    clauseRef: "ORG-2",
    title: "Adopt the security contact wording",
    description:
      "The contact-point clause has been stable for a month. I propose we adopt the current text.",
  });
  for (const key of ["noor", "kofi", "lena", "mei"]) {
    await takePosition(
      db,
      await who(key),
      adopted,
      { stance: key === "kofi" ? "no_objection" : "support", reason: "" },
      at(-19),
    );
  }
  await closeDue(db, at(-6));

  // Escalated to the advisory group: an objection was answered but sustained.
  const contested = await open("lena", -16, {
    title: "Should Gold require a public repair manual?",
    description:
      "Repair cafés ask for it; some makers say a manual exposes them to liability. Should the Gold level require a free, public repair manual?",
    organisations: "Brightbulb Ltd",
  });
  await takePosition(db, await who("lena"), contested, { stance: "support", reason: "" }, at(-15));
  await takePosition(db, await who("noor"), contested, { stance: "support", reason: "" }, at(-15));
  await takePosition(
    db,
    await who("kofi"),
    contested,
    {
      stance: "object",
      reason:
        "A full manual for mains-powered devices invites unsafe repairs. A parts list and exploded views would serve repairers without that risk.",
    },
    at(-14),
  );
  const [objection] = await db.select().from(threads).where(eq(threads.callId, contested));
  if (objection) await settleObjection(db, await who("kofi"), objection.id, "sustained", at(-10));
  await closeDue(db, at(-2));
  await castVote(
    db,
    await who("rosa"),
    contested,
    {
      stage: "ag",
      choice: "return",
      rationale:
        "Both sides have a point: ask for a manual that leaves mains work to professionals.",
    },
    at(-1),
  );

  // Still open.
  const pending = await open("kofi", -3, {
    clauseRef: "DATA-1",
    title: "Adopt the data inventory clause",
    description: "Proposing the current text of the data inventory clause for adoption.",
  });
  await takePosition(db, await who("kofi"), pending, { stance: "support", reason: "" }, at(-3));
  await takePosition(
    db,
    await who("rosa"),
    pending,
    { stance: "abstain", reason: "I would like to see the assessment criteria first." },
    at(-2),
  );
}
