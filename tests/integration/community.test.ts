import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { users } from "@/lib/auth/schema";
import { requireSecretariat } from "@/lib/community/authz";
import {
  appointMember,
  endMembership,
  setSecretariat,
  updateProfile,
} from "@/lib/community/mutations";
import { listMemberships } from "@/lib/community/queries";
import { holdsRole } from "@/lib/community/rules";
import { memberships } from "@/lib/community/schema";
import { loadViewer } from "@/lib/community/viewer";
import { DomainError } from "@/lib/errors";
import { createTestDatabase, databaseErrorOf, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test?.close());

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, fields: error.fieldErrors };
    throw error;
  }
  throw new Error("expected a refusal");
};

const appointment = (
  email: string,
  overrides: Partial<Parameters<typeof appointMember>[2]> = {},
) => ({
  email,
  group: "advisory_group" as const,
  role: "member" as const,
  startsOn: "2026-01-01",
  endsOn: null,
  ...overrides,
});

describe("memberships", () => {
  it("grant the role during the term and no longer once it has ended", async () => {
    const secretary = await createPerson(test.db, { isSecretariat: true });
    const member = await createPerson(test.db);
    await appointMember(test.db, secretary, appointment(member.email));

    const during = await loadViewer(test.db, member.id);
    expect(holdsRole(during?.roles ?? [], "advisory_group")).toBe(true);

    await endMembership(
      test.db,
      secretary,
      (await listMemberships(test.db, { userId: member.id }))[0]?.membershipId ?? "",
    );
    const after = await loadViewer(test.db, member.id);
    expect(after?.roles).toEqual([]);
    // The ended term stays on the public record as a past term.
    const terms = await listMemberships(test.db, { group: "advisory_group" });
    expect(terms.find((term) => term.userId === member.id)?.status).toBe("past");
  });

  it("count a term's last day and nothing after it", async () => {
    const secretary = await createPerson(test.db, { isSecretariat: true });
    const member = await createPerson(test.db);
    await appointMember(
      test.db,
      secretary,
      appointment(member.email, {
        group: "steering_committee",
        role: "chair",
        startsOn: "2026-01-01",
        endsOn: "2026-06-30",
      }),
    );
    const roles = async (iso: string) =>
      (await loadViewer(test.db, member.id, new Date(iso)))?.roles ?? [];
    expect(await roles("2025-12-31T23:59:59Z")).toEqual([]);
    expect(await roles("2026-06-30T23:59:59Z")).toEqual([
      { group: "steering_committee", role: "chair" },
    ]);
    expect(await roles("2026-07-01T00:00:00Z")).toEqual([]);
  });

  it("can be managed only by the secretariat, which the actions themselves check", async () => {
    const participant = await createPerson(test.db);
    const target = await createPerson(test.db);
    expect(await refusal(appointMember(test.db, participant, appointment(target.email)))).toEqual({
      code: "forbidden",
      fields: {},
    });
    expect(await refusal(appointMember(test.db, null, appointment(target.email)))).toMatchObject({
      code: "unauthenticated",
    });
    expect(
      await refusal(
        setSecretariat(test.db, participant, { email: participant.email, isSecretariat: true }),
      ),
    ).toMatchObject({ code: "forbidden" });

    const secretary = await createPerson(test.db, { isSecretariat: true });
    const { membershipId } = await appointMember(test.db, secretary, appointment(target.email));
    expect(await refusal(endMembership(test.db, participant, membershipId))).toMatchObject({
      code: "forbidden",
    });
    expect(await loadViewer(test.db, target.id)).toMatchObject({
      roles: [{ group: "advisory_group", role: "member" }],
    });
    const refusals = await test.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.actorId, participant.id));
    expect(refusals.map((row) => row.subjectId).sort()).toEqual([
      "community.appoint_member",
      "community.end_membership",
      "community.set_secretariat",
    ]);
    expect(refusals.every((row) => row.action === "access.refused")).toBe(true);
  });

  it("refuse unknown people, overlapping terms and ending a term twice", async () => {
    const secretary = await createPerson(test.db, { isSecretariat: true });
    const member = await createPerson(test.db);
    expect(
      await refusal(appointMember(test.db, secretary, appointment("nobody@example.org"))),
    ).toEqual({
      code: "invalid_input",
      fields: { email: "unknown_user" },
    });
    const { membershipId } = await appointMember(test.db, secretary, appointment(member.email));
    expect(await refusal(appointMember(test.db, secretary, appointment(member.email)))).toEqual({
      code: "conflict",
      fields: { email: "already_member" },
    });
    await endMembership(test.db, secretary, membershipId);
    expect(await refusal(endMembership(test.db, secretary, membershipId))).toMatchObject({
      code: "conflict",
    });
    // After the term ends, a new one may begin.
    await appointMember(test.db, secretary, appointment(member.email, { startsOn: "2099-01-01" }));
  });

  it("write each appointment and its audit row together", async () => {
    const secretary = await createPerson(test.db, { isSecretariat: true });
    const member = await createPerson(test.db);
    const { membershipId } = await appointMember(test.db, secretary, appointment(member.email));
    const [row] = await test.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "community.member_appointed"))
      .orderBy(auditLog.id);
    expect(row).toBeDefined();
    const mine = await test.db.select().from(auditLog).where(eq(auditLog.subjectId, member.id));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.details).toMatchObject({ membership: membershipId, group: "advisory_group" });
    const [stored] = await test.db
      .select()
      .from(memberships)
      .where(eq(memberships.id, membershipId));
    expect(stored?.appointedBy).toBe(secretary.id);

    // When the audit row cannot be written, the appointment is not written either.
    const refused = await createPerson(test.db);
    await test.db.execute(sql`
      create function refuse_appointment_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'community.member_appointed' then
          raise exception 'audit row refused';
        end if;
        return new;
      end $$`);
    await test.db.execute(sql`
      create trigger refuse_appointment_audit before insert on audit_log
      for each row execute function refuse_appointment_audit()`);
    try {
      expect(
        await databaseErrorOf(appointMember(test.db, secretary, appointment(refused.email))),
      ).toBe("audit row refused");
    } finally {
      await test.db.execute(sql`drop trigger refuse_appointment_audit on audit_log`);
      await test.db.execute(sql`drop function refuse_appointment_audit()`);
    }
    expect(
      await test.db.select().from(memberships).where(eq(memberships.userId, refused.id)),
    ).toEqual([]);
    expect(await test.db.select().from(auditLog).where(eq(auditLog.subjectId, refused.id))).toEqual(
      [],
    );
  });
});

describe("refusals", () => {
  it("of anonymous visitors stay out of the permanent log; those of signed-in people go in", async () => {
    const before = await test.db.select().from(auditLog);
    for (let i = 0; i < 5; i += 1) {
      expect(await refusal(requireSecretariat(test.db, null, "page.secretariat"))).toMatchObject({
        code: "unauthenticated",
      });
    }
    expect(await test.db.select().from(auditLog)).toHaveLength(before.length);

    const participant = await createPerson(test.db);
    expect(
      await refusal(requireSecretariat(test.db, participant, "page.import_standard")),
    ).toMatchObject({ code: "forbidden" });
    const rows = await test.db.select().from(auditLog).where(eq(auditLog.actorId, participant.id));
    expect(rows).toMatchObject([
      {
        action: "access.refused",
        subjectId: "page.import_standard",
        details: { reason: "not_secretariat" },
      },
    ]);
  });
});

describe("secretariat flag", () => {
  it("is granted and revoked by the secretariat, who cannot remove themselves", async () => {
    const secretary = await createPerson(test.db, { isSecretariat: true });
    const other = await createPerson(test.db);
    await setSecretariat(test.db, secretary, { email: other.email, isSecretariat: true });
    expect((await loadViewer(test.db, other.id))?.isSecretariat).toBe(true);
    await setSecretariat(test.db, secretary, { email: other.email, isSecretariat: false });
    expect((await loadViewer(test.db, other.id))?.isSecretariat).toBe(false);
    expect(
      await refusal(
        setSecretariat(test.db, secretary, { email: secretary.email, isSecretariat: false }),
      ),
    ).toEqual({ code: "invalid_input", fields: { email: "cannot_remove_self" } });
  });
});

describe("profiles", () => {
  it("are edited by their owner, and the change is on the record", async () => {
    const person = await createPerson(test.db);
    await updateProfile(test.db, person, {
      name: "Ada Quill",
      affiliation: "Quill & Co",
      conflictOfInterest: "Consults for a router maker.",
    });
    const [stored] = await test.db.select().from(users).where(eq(users.id, person.id));
    expect(stored).toMatchObject({
      name: "Ada Quill",
      conflictOfInterest: "Consults for a router maker.",
    });
    const [logged] = await test.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "community.profile_updated"));
    expect(logged?.details).toMatchObject({
      name: "Ada Quill",
      declaration: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(
      await refusal(
        updateProfile(test.db, null, { name: "x", affiliation: "", conflictOfInterest: "" }),
      ),
    ).toMatchObject({
      code: "unauthenticated",
    });
  });
});
