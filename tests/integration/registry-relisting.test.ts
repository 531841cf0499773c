import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { users } from "@/lib/auth/schema";
import { requireParticipant } from "@/lib/community/authz";
import { memberships } from "@/lib/community/schema";
import { loadViewer } from "@/lib/community/viewer";
import { addDays } from "@/lib/decisions/rules";
import { DomainError } from "@/lib/errors";
import { requireRepresentative } from "@/lib/registry/authz";
import { saveDeclaration, startDeclaration } from "@/lib/registry/declarations";
import { publishDeclaration } from "@/lib/registry/publish";
import { grantRelistingLeave, relistingBarOf } from "@/lib/registry/relisting";
import { declarations, representatives } from "@/lib/registry/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson, createSecretary } from "@/tests/people";
import {
  answersFor,
  bodyFor,
  insertDeclaration,
  insertOrganisation,
  publishedRegistryStandard,
  type TestRelease,
} from "@/tests/registry-fixtures";

let test: TestDatabase;
let release: TestRelease;
const t0 = new Date("2026-11-20T09:00:00Z");
const claims = [{ module: "SW", level: "Bronze" }];

beforeAll(async () => {
  test = await createTestDatabase();
  release = await publishedRegistryStandard(test.db, await createSecretary(test.db));
});
afterAll(() => test?.close());

async function fieldErrorsOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, fields: error.fieldErrors };
    throw error;
  }
  throw new Error("expected a refusal");
}

/** An organisation with a representative and one struck-off product, barred until `until`. */
async function struckOff(product: string, until: Date | null) {
  const person = await createPerson(test.db);
  const org = await insertOrganisation(test.db, person.id, { name: `${product} Makers` });
  await test.db.insert(representatives).values({
    organisationId: org.id,
    userId: person.id,
    startsAt: addDays(t0, -30),
  });
  const rep = await requireRepresentative(test.db, person, org.id, "registry.declare", t0);
  const row = await insertDeclaration(test.db, release, {
    organisationId: org.id,
    createdBy: person.id,
    bodies: [bodyFor(release, product, claims)],
    state: "struck_off",
    listedAt: addDays(t0, -60),
  });
  await test.db
    .update(declarations)
    .set({ relistingBarredUntil: until })
    .where(eq(declarations.id, row.id));
  return { org, rep, person, number: row.number };
}

const productInput = (name: string) => ({
  name,
  model: "",
  url: "https://example.org/product",
  category: "",
});

async function adviser() {
  const person = await createPerson(test.db);
  await test.db
    .insert(memberships)
    .values({ userId: person.id, group: "advisory_group", startsAt: addDays(new Date(), -10) });
  const viewer = await loadViewer(test.db, person.id);
  return requireParticipant(viewer);
}

describe("the relisting ban", () => {
  it("refuses a new declaration of the same product, whatever its case and spaces", async () => {
    const { rep } = await struckOff("Glow Plug", addDays(t0, 90));
    for (const name of ["Glow Plug", "glow  plug", " GLOWPLUG "]) {
      expect(
        await fieldErrorsOf(
          startDeclaration(
            test.db,
            rep,
            { standard: release.slug, release: release.version, product: productInput(name) },
            t0,
          ),
        ),
      ).toEqual({ code: "invalid_input", fields: { "product.name": "relisting_barred" } });
    }
    const other = await startDeclaration(
      test.db,
      rep,
      { standard: release.slug, release: release.version, product: productInput("Glow Plug 2") },
      t0,
    );
    expect(other.number).toBeGreaterThan(0);
    // Once the ban has run its course, the product may come back.
    const later = await startDeclaration(
      test.db,
      rep,
      { standard: release.slug, release: release.version, product: productInput("glow plug") },
      addDays(t0, 91),
    );
    expect(later.number).toBeGreaterThan(0);
  });

  it("does not reach another organisation's product of the same name", async () => {
    await struckOff("Night Lamp", addDays(t0, 90));
    const person = await createPerson(test.db);
    const org = await insertOrganisation(test.db, person.id, { name: "Other Lamps" });
    await test.db
      .insert(representatives)
      .values({ organisationId: org.id, userId: person.id, startsAt: addDays(t0, -30) });
    const rep = await requireRepresentative(test.db, person, org.id, "registry.declare", t0);
    const { number } = await startDeclaration(
      test.db,
      rep,
      { standard: release.slug, release: release.version, product: productInput("Night Lamp") },
      t0,
    );
    expect(number).toBeGreaterThan(0);
  });

  it("refuses to publish a draft renamed to the barred product, and writes nothing", async () => {
    const { rep } = await struckOff("Door Sensor", addDays(t0, 90));
    const { number } = await startDeclaration(
      test.db,
      rep,
      { standard: release.slug, release: release.version, product: productInput("Sensor D") },
      t0,
    );
    await saveDeclaration(
      test.db,
      rep,
      number,
      {
        release: release.version,
        product: productInput("door sensor"),
        claims,
        answers: answersFor(release, claims),
      },
      t0,
    );
    expect(await fieldErrorsOf(publishDeclaration(test.db, rep, number, t0))).toEqual({
      code: "invalid_input",
      fields: { "product.name": "relisting_barred" },
    });
    const [row] = await test.db.select().from(declarations).where(eq(declarations.number, number));
    expect(row).toMatchObject({ state: "draft", latestVersion: 0 });
  });
});

describe("the advisory group's leave", () => {
  it("ends the ban at once, with its reason on the record", async () => {
    const now = new Date();
    const { rep, number } = await struckOff("Smart Kettle", addDays(now, 60));
    expect(await relistingBarOf(test.db, number, now)).toEqual(addDays(now, 60));
    const member = await adviser();
    await grantRelistingLeave(
      test.db,
      member,
      number,
      "Rebuilt with a local-only mode that answers the finding.",
      now,
    );
    expect(await relistingBarOf(test.db, number, addDays(now, 0.001))).toBeNull();
    const entries = await test.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "registry.relisting_leave_granted"),
          eq(auditLog.subjectId, String(number)),
        ),
      );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: member.id,
      subjectType: "declaration",
      details: { reason: "Rebuilt with a local-only mode that answers the finding." },
    });
    const { number: again } = await startDeclaration(
      test.db,
      rep,
      { standard: release.slug, release: release.version, product: productInput("Smart Kettle") },
      addDays(now, 0.001),
    );
    expect(again).toBeGreaterThan(0);
  });

  it("is refused to an adviser who represents the organisation or whose affiliation names it", async () => {
    const now = new Date();
    const { number, person } = await struckOff("Door Chime", addDays(now, 60));
    await test.db
      .insert(memberships)
      .values({ userId: person.id, group: "advisory_group", startsAt: addDays(now, -10) });
    const representing = requireParticipant(await loadViewer(test.db, person.id));
    const affiliated = await adviser();
    await test.db
      .update(users)
      .set({ affiliation: "Door Chime Makers" })
      .where(eq(users.id, affiliated.id));
    for (const member of [representing, affiliated]) {
      expect(await outcomeOf(grantRelistingLeave(test.db, member, number, "Leave.", now))).toBe(
        "must_recuse",
      );
    }
    expect(await relistingBarOf(test.db, number, now)).toEqual(addDays(now, 60));
  });

  it("is refused to non-members, without a reason, and where there is no ban", async () => {
    const now = new Date();
    const { number, person } = await struckOff("Baby Monitor", addDays(now, 60));
    expect(await outcomeOf(grantRelistingLeave(test.db, person, number, "Please.", now))).toBe(
      "forbidden",
    );
    const refusals = await test.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.actorId, person.id),
          eq(auditLog.subjectId, "registry.grant_relisting_leave"),
        ),
      );
    expect(refusals).toHaveLength(1);
    expect(await outcomeOf(grantRelistingLeave(test.db, null, number, "Please.", now))).toBe(
      "unauthenticated",
    );
    const member = await adviser();
    expect(await fieldErrorsOf(grantRelistingLeave(test.db, member, number, "  ", now))).toEqual({
      code: "invalid_input",
      fields: { reason: "required" },
    });
    const lapsed = await struckOff("Old Hub", addDays(now, -1));
    expect(
      await outcomeOf(grantRelistingLeave(test.db, member, lapsed.number, "Leave.", now)),
    ).toBe("conflict");
    expect(await outcomeOf(grantRelistingLeave(test.db, member, 999_999, "Leave.", now))).toBe(
      "not_found",
    );
    expect(await relistingBarOf(test.db, number, now)).toEqual(addDays(now, 60));
  });
});
