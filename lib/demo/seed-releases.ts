import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { openCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { prepareRelease } from "@/lib/decisions/release-calls";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { castVote } from "@/lib/decisions/votes";
import { demoViewers } from "@/lib/demo/viewers";
import { settleObjection } from "@/lib/discussion/mutations";
import { threads } from "@/lib/discussion/schema";
import { markdownToRichText } from "@/lib/drafting/markdown/text";
import { createClause, takeRevision } from "@/lib/drafting/mutations";
import { clausePlainText } from "@/lib/drafting/rich-text";
import { formatRef, parseRef } from "@/lib/drafting/rules";
import { clauses, clauseTexts } from "@/lib/drafting/schema";
import { requireReleaseManager } from "@/lib/releases/authz";

/**
 * Two releases of the demo standard, published the way a community would: every clause adopted
 * by a call, 1.0.0 through an objection, an escalation and the advisory group's decision, then
 * two clauses reworded and one added, and 1.1.0 by rough consensus. Times are in the past.
 */
export async function seedDemoReleases(
  db: Database,
  standardId: string,
  emailOf: (key: string) => string,
  now = new Date(),
): Promise<void> {
  const at = (days: number) => addDays(now, days);
  const who = demoViewers(db, emailOf, now);
  const supporters = [await who("noor"), await who("kofi"), await who("lena"), await who("mei")];
  const support = async (callId: string, day: number, count = 3) => {
    for (const person of supporters.slice(0, count)) {
      await takePosition(db, person, callId, { stance: "support", reason: "" }, at(day));
    }
  };
  const adopt = async (refs: string[], day: number) => {
    for (const [index, ref] of refs.entries()) {
      const proposer = supporters[index % supporters.length];
      if (!proposer) throw new Error("no demo proposer");
      const { id } = await openCall(
        db,
        proposer,
        standardId,
        {
          kind: "clause_revision",
          clauseRef: ref,
          revision: null,
          title: `Adopt ${ref} as drafted`,
          description: "The wording has settled; I propose adopting it.",
          organisations: "",
        },
        at(day),
      );
      await support(id, day + 1);
    }
  };

  // Every clause not yet adopted is proposed; a fortnight later the calls close by consensus.
  const open = await db
    .select({ refCode: clauses.refCode, refNumber: clauses.refNumber })
    .from(clauses)
    .where(and(eq(clauses.standardId, standardId), isNull(clauses.adoptedRevisionId)));
  await adopt(
    open.map((clause) => formatRef(clause.refCode, clause.refNumber)),
    -90,
  );
  await closeDue(db, at(-75));

  // 1.0.0: one objection, sustained, so the advisory group decides.
  const sam = await who("sam");
  const first = await prepareRelease(
    db,
    await requireReleaseManager(db, sam, at(-74)),
    standardId,
    {
      version: "1.0.0",
      notes: "The first release of the IoTmark Principles: five modules, three levels.",
    },
    at(-74),
  );
  const firstCall = await callIdOf(db, standardId, first.callNumber);
  await support(firstCall, -73, 2);
  await takePosition(
    db,
    await who("jonas"),
    firstCall,
    {
      stance: "object",
      reason:
        "Publishing before the data module has examples for every clause will confuse assessors.",
    },
    at(-72),
  );
  const [objection] = await db.select().from(threads).where(eq(threads.callId, firstCall));
  if (objection) await settleObjection(db, await who("jonas"), objection.id, "sustained", at(-65));
  await closeDue(db, at(-60));
  for (const key of ["rosa", "mei"]) {
    await castVote(
      db,
      await who(key),
      firstCall,
      {
        stage: "ag",
        choice: "adopt",
        rationale: "Examples can follow in a minor release; the requirements themselves are ready.",
      },
      at(-59),
    );
  }
  await closeDue(db, at(-51));

  // Two clauses reworded and one added, each adopted by its own call.
  const reword = async (ref: string, body: string) => {
    const parsed = parseRef(ref);
    const [clause] = parsed
      ? await db
          .select()
          .from(clauses)
          .where(
            and(
              eq(clauses.standardId, standardId),
              eq(clauses.refCode, parsed.code),
              eq(clauses.refNumber, parsed.number),
            ),
          )
      : [];
    const [text] = clause
      ? await db.select().from(clauseTexts).where(eq(clauseTexts.clauseId, clause.id))
      : [];
    if (!clause || !text) throw new Error(`demo clause ${ref} is missing`);
    const fields = {
      body: markdownToRichText(body),
      assessment: text.assessment,
      examples: text.examples,
    };
    await db.transaction(async (tx) => {
      await tx
        .update(clauseTexts)
        .set({
          body: fields.body,
          plainText: clausePlainText(fields),
          yjsState: null,
          updatedAt: at(-50),
        })
        .where(eq(clauseTexts.clauseId, clause.id));
      await takeRevision(tx, clause.id, {
        kind: "saved",
        note: "Clearer wording",
        actorId: sam.id,
        now: at(-50),
      });
    });
  };
  await reword(
    "SW-2",
    "The manufacturer **MUST** state, before purchase, the date until which security updates will be provided, and **MUST NOT** shorten it afterwards.",
  );
  await reword(
    "DATA-1",
    "The product **MUST** collect only the personal data its functions need, and the manufacturer **MUST** name, for each item collected, the function that needs it.",
  );
  const added = await createClause(
    db,
    await who("noor"),
    {
      standardSlug: "iotmark",
      title: "Owners told of data breaches",
      moduleCode: "DATA",
      level: "Silver",
      strength: "MUST",
      fields: {
        body: markdownToRichText(
          "The vendor **MUST** tell the owners affected by a breach of their personal data within 72 hours of learning of it, saying what was exposed and what they can do about it.",
        ),
        assessment: markdownToRichText(
          "The incident-response policy naming who tells owners and how, and the notices sent after past breaches.",
        ),
        examples: markdownToRichText(
          "After account emails leaked, Hearthly wrote to every affected owner within two days, with the steps to change their password.",
        ),
      },
    },
    at(-50),
  );
  await adopt(["SW-2", "DATA-1", added.ref], -49);
  await closeDue(db, at(-34));

  // 1.1.0 by rough consensus.
  const second = await prepareRelease(
    db,
    await requireReleaseManager(db, sam, at(-33)),
    standardId,
    {
      version: "1.1.0",
      notes:
        "Clearer wording for SW-2 and DATA-1, and a new clause on telling owners of data breaches.",
    },
    at(-33),
  );
  await support(await callIdOf(db, standardId, second.callNumber), -32);
  await closeDue(db, at(-18));
}

async function callIdOf(db: Database, standardId: string, number: number): Promise<string> {
  const [row] = await db
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.number, number)));
  if (!row) throw new Error(`call ${number} is missing`);
  return row.id;
}
