import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuditEntry, recordAudit } from "@/lib/audit/mutations";
import { listAudit } from "@/lib/audit/queries";
import { auditLog } from "@/lib/audit/schema";
import { createTestDatabase, databaseErrorOf, type TestDatabase } from "@/tests/database";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test?.close());

const entry = (action: AuditEntry["action"]): AuditEntry => ({
  actorId: null,
  action,
  subjectType: "standard",
  subjectId: "iotmark",
  details: { note: "x" },
});

/** A row as the log holds it, under any name: older entries keep names Hum no longer records. */
const logged = (action: string) =>
  test.db.insert(auditLog).values({
    actorId: null,
    action,
    subjectType: "standard",
    subjectId: "iotmark",
    details: { note: "x" },
  });

describe("audit log", () => {
  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    await recordAudit(test.db, entry("drafting.standard_created"));
    const update = test.db
      .update(auditLog)
      .set({ action: "forged" })
      .where(eq(auditLog.action, "drafting.standard_created"));
    expect(await databaseErrorOf(update)).toMatch(/append-only: UPDATE/);
    expect(await databaseErrorOf(test.db.delete(auditLog))).toMatch(/append-only: DELETE/);
    expect(await databaseErrorOf(test.db.execute(sql`truncate audit_log`))).toMatch(
      /append-only: TRUNCATE/,
    );
    const rows = await test.db.select().from(auditLog);
    expect(rows.map((row) => row.action)).toEqual(["drafting.standard_created"]);
  });

  it("commits and rolls back with the change it records", async () => {
    await expect(
      test.db.transaction(async (tx) => {
        await recordAudit(tx, entry("drafting.standard_imported"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const rows = await test.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "drafting.standard_imported"));
    expect(rows).toHaveLength(0);
  });

  it("pages newest first and filters by category and subject", async () => {
    for (let i = 0; i < 7; i++) await logged(`community.event_${i}`);
    const first = await listAudit(test.db, { action: "community." }, 3);
    expect(first.rows.map((row) => row.action)).toEqual([
      "community.event_6",
      "community.event_5",
      "community.event_4",
    ]);
    expect(first.nextBefore).not.toBeNull();
    const second = await listAudit(
      test.db,
      { action: "community.", before: first.nextBefore ?? 0 },
      3,
    );
    expect(second.rows.map((row) => row.action)).toEqual([
      "community.event_3",
      "community.event_2",
      "community.event_1",
    ]);
    const last = await listAudit(
      test.db,
      { action: "community.", before: second.nextBefore ?? 0 },
      3,
    );
    expect(last.rows.map((row) => row.action)).toEqual(["community.event_0"]);
    expect(last.nextBefore).toBeNull();
    expect((await listAudit(test.db, { subjectType: "user" })).rows).toHaveLength(0);
    expect((await listAudit(test.db, { action: "community.event_2" })).rows).toHaveLength(1);
  });
});
