import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/lib/auth/schema";
import { conflictDeclarations } from "@/lib/community/schema";
import type { Viewer } from "@/lib/community/viewer";
import { createDatabase, type Executor } from "@/lib/db/client";
import { getCallPage } from "@/lib/decisions/call-page";
import { clausePageDetails, findDraftClause } from "@/lib/decisions/clause-page";
import { defaultCharter } from "@/lib/decisions/rules";
import { callItems, calls, positionReasons, positions, votes } from "@/lib/decisions/schema";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { commentEdits, comments, threads } from "@/lib/discussion/schema";
import { formatRef } from "@/lib/drafting/rules";
import { clauseRevisions, clauses, standards } from "@/lib/drafting/schema";
import { callTimeline } from "@/lib/transparency/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

// The personal pages a signed-in reader loads: their queries must not grow with what they show.

let test: TestDatabase;
let standardId: string;
let rosa: Viewer;
let proposerId: string;
/** Demo clauses with a revision each, for changes to name. */
let revised: { clauseId: string; revisionId: string }[];
let nextNumber = 9000;
let people = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  rosa = await demoViewers(test.db, demoEmail, new Date())("rosa");
  const [standard] = await test.db.select().from(standards).where(eq(standards.slug, "iotmark"));
  standardId = standard?.id ?? "";
  proposerId = (await demoViewers(test.db, demoEmail, new Date())("noor")).id;
  // Revisions other than the adopted one, adopted clauses first: every change of a small call
  // is then read against an adopted text, as most of a large call's are.
  const rows = await test.db
    .selectDistinctOn([clauseRevisions.clauseId], {
      clauseId: clauseRevisions.clauseId,
      revisionId: clauseRevisions.id,
      adopted: clauses.adoptedRevisionId,
    })
    .from(clauseRevisions)
    .innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
    .where(
      and(
        eq(clauses.standardId, standardId),
        isNull(clauses.retiredAt),
        sql`${clauseRevisions.id} is distinct from ${clauses.adoptedRevisionId}`,
      ),
    );
  revised = rows.sort((a, b) => Number(b.adopted !== null) - Number(a.adopted !== null));
  // The demo community is large to seed on a busy machine.
}, 180_000);
afterAll(() => test?.close());

/** Runs `load` on a connection of its own and returns how many queries it sent. */
async function queriesOf(load: (db: Executor) => Promise<unknown>): Promise<number> {
  const sent: string[] = [];
  const counted = createDatabase(test.url, { max: 2, onQuery: (query) => sent.push(query) });
  try {
    await load(counted.db);
  } finally {
    await counted.pool.end();
  }
  return sent.length;
}

async function newPeople(count: number): Promise<string[]> {
  const rows = await test.db
    .insert(users)
    .values(
      Array.from({ length: count }, () => {
        people += 1;
        return { name: `Reader ${people}`, email: `reader${people}@example.org` };
      }),
    )
    .returning({ id: users.id });
  return rows.map((row) => row.id);
}

/**
 * An objection thread of `author` on a call or a clause, with a comment, a reply by someone
 * else, and an earlier wording of the comment.
 */
async function discussed(
  place: { callId: string } | { clauseId: string },
  author: string,
  replier: string,
  n: number,
) {
  const [thread] = await test.db
    .insert(threads)
    .values({ ...place, kind: "objection", title: `Objection ${n}`, createdBy: author })
    .returning({ id: threads.id });
  const threadId = thread?.id ?? "";
  const [comment] = await test.db
    .insert(comments)
    .values({
      threadId,
      authorId: author,
      body: `Because ${n}`,
      bodyHtml: `<p>Because ${n}</p>`,
      editedAt: new Date(),
    })
    .returning({ id: comments.id });
  const commentId = comment?.id ?? "";
  await test.db.insert(comments).values({
    threadId,
    parentId: commentId,
    authorId: replier,
    body: "Answered.",
    bodyHtml: "<p>Answered.</p>",
  });
  await test.db
    .insert(commentEdits)
    .values({ commentId, body: "Because", bodyHtml: "<p>Because</p>", replacedAt: new Date() });
  return { threadId, commentId };
}

/**
 * A call on a set of `size` changes, with `size` people taking positions on it (half of them
 * objecting, each in a thread of their own with a reply; half supporting with a reason), and
 * `size` votes of the advisory group, each with the voter's declaration.
 */
async function busyCall(size: number): Promise<number> {
  nextNumber += 1;
  const now = new Date();
  const [call] = await test.db
    .insert(calls)
    .values({
      standardId,
      number: nextNumber,
      kind: "changes",
      title: `Changes ${nextNumber}`,
      charter: defaultCharter,
      openedBy: proposerId,
      openedAt: now,
      closesAt: new Date(now.getTime() + 14 * 86_400_000),
      organisations: ["Lockwise"],
    })
    .returning({ id: calls.id });
  const callId = call?.id ?? "";
  const items = await test.db
    .insert(callItems)
    .values(
      Array.from({ length: size }, (_, position) => {
        const change = revised[position % revised.length];
        return {
          callId,
          position,
          kind: "adopt_clause" as const,
          clauseId: change?.clauseId,
          revisionId: change?.revisionId,
        };
      }),
    )
    .returning({ id: callItems.id });
  const takers = await newPeople(size);
  for (const [n, userId] of takers.entries()) {
    if (n % 2 === 0) {
      const { threadId, commentId } = await discussed({ callId }, userId, proposerId, n);
      await test.db.insert(positions).values({
        callId,
        userId,
        stance: "object",
        reason: `Because ${n}`,
        itemIds: [items[n]?.id ?? ""],
        threadId,
        commentId,
        takenAt: now,
      });
    } else {
      const [reason] = await test.db
        .insert(positionReasons)
        .values({ callId, authorId: userId, stance: "support", body: "Fine.", givenAt: now })
        .returning({ id: positionReasons.id });
      await test.db
        .insert(positions)
        .values({ callId, userId, stance: "support", reasonId: reason?.id, takenAt: now });
    }
  }
  const voters = await newPeople(size);
  const declarations = await test.db
    .insert(conflictDeclarations)
    .values(voters.map((userId) => ({ userId, text: "None.", affiliation: "Independent" })))
    .returning({ id: conflictDeclarations.id, userId: conflictDeclarations.userId });
  await test.db.insert(votes).values(
    declarations.map(({ id, userId }) => ({
      callId,
      stage: "ag" as const,
      userId,
      choice: "adopt" as const,
      rationale: "Sound.",
      declarationId: id,
      castAt: now,
    })),
  );
  return nextNumber;
}

/**
 * A clause with `size` threads (each with a reply and an edit), `size` calls of its own, and a
 * call on a set of changes.
 */
async function busyClause(size: number): Promise<string> {
  const target = revised[size % revised.length];
  const [clause] = await test.db
    .select({ refCode: clauses.refCode, refNumber: clauses.refNumber })
    .from(clauses)
    .where(eq(clauses.id, target?.clauseId ?? ""));
  const clauseId = target?.clauseId ?? "";
  const authors = await newPeople(size);
  for (const [n, author] of authors.entries()) {
    await discussed({ clauseId }, author, proposerId, n);
  }
  const now = new Date();
  for (let n = 0; n < size; n++) {
    nextNumber += 1;
    await test.db.insert(calls).values({
      standardId,
      number: nextNumber,
      kind: "clause_revision",
      title: `Adopt ${n}`,
      clauseId,
      revisionId: target?.revisionId,
      charter: defaultCharter,
      openedBy: authors[n] ?? proposerId,
      openedAt: now,
      closesAt: new Date(now.getTime() + 14 * 86_400_000),
    });
  }
  // And a call on a set of changes that names it, as the demo's last call names some clauses.
  nextNumber += 1;
  const [changes] = await test.db
    .insert(calls)
    .values({
      standardId,
      number: nextNumber,
      kind: "changes",
      title: `Changes ${nextNumber}`,
      charter: defaultCharter,
      openedBy: proposerId,
      openedAt: now,
      closesAt: new Date(now.getTime() + 14 * 86_400_000),
    })
    .returning({ id: calls.id });
  await test.db.insert(callItems).values({
    callId: changes?.id ?? "",
    position: 0,
    kind: "adopt_clause",
    clauseId,
    revisionId: target?.revisionId,
  });
  return formatRef(clause?.refCode ?? "", clause?.refNumber ?? 0);
}

describe("the call page", () => {
  it("loads in the same number of queries for 2 and for 20 positions, votes, threads and changes", async () => {
    expect(revised.length).toBeGreaterThanOrEqual(20);
    const counts: number[] = [];
    for (const size of [2, 20]) {
      const number = await busyCall(size);
      let page: Awaited<ReturnType<typeof getCallPage>> = null;
      counts.push(
        await queriesOf(async (db) => {
          page = await getCallPage(db, "iotmark", number, rosa);
          await callTimeline(db, "iotmark", number);
        }),
      );
      const loaded = page as Awaited<ReturnType<typeof getCallPage>>;
      expect(loaded?.positions).toHaveLength(size);
      expect(loaded?.votes).toHaveLength(size);
      expect(loaded?.objections).toHaveLength(size / 2);
      expect(loaded?.changes?.items).toHaveLength(size);
    }
    expect(counts[1]).toBe(counts[0]);
    // The call and its standard, its changes (with their texts, levels and objections), the
    // viewer's profile, positions with their reasons, votes, appeal, threads and comments, and
    // the roles of everyone named, and its timeline.
    expect(counts[0]).toBeLessThanOrEqual(24);
  });
});

describe("a draft clause's page", () => {
  it("loads in the same number of queries for 2 and for 20 threads and calls", async () => {
    const counts: number[] = [];
    for (const size of [2, 20]) {
      const ref = await busyClause(size);
      let threadCount = 0;
      let callCount = 0;
      counts.push(
        await queriesOf(async (db) => {
          const found = await findDraftClause(db, "iotmark", ref);
          if (!found) throw new Error(`no clause ${ref}`);
          const details = await clausePageDetails(db, found, rosa);
          threadCount = details.threads.length;
          callCount = details.trail.calls.length;
        }),
      );
      expect(threadCount).toBeGreaterThanOrEqual(size);
      expect(callCount).toBeGreaterThanOrEqual(size);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
