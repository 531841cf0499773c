import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import type { Participant } from "@/lib/community/authz";
import { createDatabase } from "@/lib/db/client";
import { openCall } from "@/lib/decisions/calls";
import { takePosition } from "@/lib/decisions/positions";
import { comments, threads } from "@/lib/discussion/schema";
import { createClause } from "@/lib/drafting/mutations";
import { clauses, levels, modules, standards } from "@/lib/drafting/schema";
import { consume } from "@/lib/rate-limit";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
let standardId: string;

beforeAll(async () => {
  test = await createTestDatabase();
  const [standard] = await test.db
    .insert(standards)
    .values({ slug: "limits", name: "Limits" })
    .returning({ id: standards.id });
  standardId = standard?.id ?? "";
  await test.db.insert(modules).values([
    { standardId, code: "ORG", name: "Organisation", position: 0 },
    { standardId, code: "SW", name: "Software", position: 1 },
  ]);
  await test.db.insert(levels).values({ standardId, name: "Bronze", position: 0 });
});
afterAll(() => test?.close());

async function questionCall(proposer: Participant, title: string): Promise<string> {
  const { id } = await openCall(test.db, proposer, standardId, {
    kind: "question",
    clauseRef: "",
    revision: null,
    title,
    description: "",
    organisations: "",
  });
  return id;
}

async function positionAudits(actorId: string): Promise<number> {
  const [row] = await test.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, "decisions.position_taken")));
  return row?.n ?? 0;
}

async function sequentially(times: number, write: (i: number) => Promise<unknown>) {
  const outcomes: string[] = [];
  for (let i = 0; i < times; i++) outcomes.push(await outcomeOf(write(i)));
  return outcomes;
}

describe("the shared rate limiter", () => {
  it("refuses re-raised objections past the comment limit, adding no comment or audit entry", async () => {
    const proposer = await createPerson(test.db, { name: "Proposer" });
    const objector = await createPerson(test.db, { name: "Objector" });
    const callId = await questionCall(proposer, "Should Bronze require signed updates?");
    const outcomes = await sequentially(15, (i) =>
      takePosition(test.db, objector, callId, { stance: "object", reason: `Reason ${i}` }),
    );
    expect(outcomes).toEqual([...Array(10).fill("ok"), ...Array(5).fill("rate_limited")]);
    const [thread] = await test.db.select().from(threads).where(eq(threads.callId, callId));
    const [posted] = await test.db
      .select({ n: count() })
      .from(comments)
      .where(eq(comments.threadId, thread?.id ?? ""));
    expect(posted?.n).toBe(10);
    expect(await positionAudits(objector.id)).toBe(10);
  });

  it("refuses stance changes past the position limit", async () => {
    const proposer = await createPerson(test.db, { name: "Proposer 2" });
    const flipper = await createPerson(test.db, { name: "Flipper" });
    const callId = await questionCall(proposer, "Should Gold require a repair manual?");
    const outcomes = await sequentially(65, (i) =>
      takePosition(test.db, flipper, callId, {
        stance: i % 2 ? "support" : "abstain",
        reason: "",
      }),
    );
    expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(60);
    expect(outcomes.slice(60)).toEqual(Array(5).fill("rate_limited"));
    expect(await positionAudits(flipper.id)).toBe(60);
  });

  it("refuses new clauses past the clause limit, adding no clause", async () => {
    const drafter = await createPerson(test.db, { name: "Drafter" });
    const outcomes = await sequentially(25, (i) =>
      createClause(test.db, drafter, {
        standardSlug: "limits",
        title: `Clause ${i}`,
        moduleCode: "SW",
        level: "Bronze",
        strength: "MUST",
      }),
    );
    expect(outcomes).toEqual([...Array(20).fill("ok"), ...Array(5).fill("rate_limited")]);
    const [made] = await test.db
      .select({ n: count() })
      .from(clauses)
      .where(eq(clauses.createdBy, drafter.id));
    expect(made?.n).toBe(20);
  });
});

describe("consume", () => {
  it("counts atomically when several servers write at once, and says when to retry", async () => {
    const servers = [createDatabase(test.url, { max: 4 }), createDatabase(test.url, { max: 4 })];
    const now = new Date("2026-06-01T12:00:00Z");
    const limit = { key: "test:burst", points: 5, windowSeconds: 60 };
    const verdicts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => consume(servers[i % 2]?.db ?? test.db, limit, now)),
    );
    await Promise.all(servers.map((server) => server.pool.end()));
    expect(verdicts.filter((verdict) => verdict.ok)).toHaveLength(5);
    expect(verdicts.find((verdict) => !verdict.ok)).toEqual({ ok: false, retryAfterSeconds: 60 });
    const later = new Date(now.getTime() + 60_000);
    expect(await consume(test.db, limit, later)).toEqual({ ok: true });
  });
});
