import { and, eq, sql } from "drizzle-orm";
import { auditLog } from "@/lib/audit/schema";
import { users } from "@/lib/auth/schema";
import { challenges } from "@/lib/challenges/schema";
import type { Participant } from "@/lib/community/authz";
import type { Group } from "@/lib/community/rules";
import { memberships } from "@/lib/community/schema";
import type { Database } from "@/lib/db/client";
import { addDays } from "@/lib/decisions/deliberation";
import type { DeclarationState } from "@/lib/registry/rules";
import { declarations, declarationVersions, representatives } from "@/lib/registry/schema";
import { createPerson, createSecretary } from "@/tests/people";
import {
  bodyFor,
  insertDeclaration,
  insertOrganisation,
  publishedRegistryStandard,
  type TestRelease,
} from "@/tests/registry-fixtures";

/*
 * A small world for the challenge process, written straight into the tables: a published
 * standard, the organisation "Lockwise" with one representative in office and one whose term
 * ended, an advisory group of three (one of them affiliated with Lockwise, who must recuse),
 * a former AG member, and a steering committee of two whose chair breaks ties.
 */

export const t0 = new Date("2026-12-01T10:00:00Z");
export const DAY = 86_400_000;
export const at = (days: number) => addDays(t0, days);

export type World = {
  release: TestRelease;
  organisationId: string;
  rep: Participant & { email: string };
  formerRep: Participant;
  ag: [Participant, Participant];
  recused: Participant;
  formerAg: Participant;
  scChair: Participant;
  sc: Participant;
};

async function member(db: Database, person: Participant, group: Group, options = {}) {
  const { role = "member", endsAt = null } = options as {
    role?: "member" | "chair";
    endsAt?: Date | null;
  };
  await db
    .insert(memberships)
    .values({ userId: person.id, group, role, startsAt: at(-400), endsAt });
}

export async function createWorld(db: Database): Promise<World> {
  const secretary = await createSecretary(db);
  const release = await publishedRegistryStandard(db, secretary);
  const rep = await createPerson(db, { name: "Rhea Representative" });
  const formerRep = await createPerson(db, { name: "Fred Former" });
  const organisation = await insertOrganisation(db, rep.id, { name: "Lockwise" });
  await db.insert(representatives).values([
    { organisationId: organisation.id, userId: rep.id, startsAt: at(-400) },
    { organisationId: organisation.id, userId: formerRep.id, startsAt: at(-400), endsAt: at(-10) },
  ]);
  const ag: [Participant, Participant] = [
    await createPerson(db, { name: "Ada Advisor" }),
    await createPerson(db, { name: "Ben Advisor" }),
  ];
  const recused = await createPerson(db, { name: "Rita Recused" });
  await db.update(users).set({ affiliation: "Lockwise Ltd" }).where(eq(users.id, recused.id));
  const formerAg = await createPerson(db, { name: "Old Advisor" });
  for (const person of [...ag, recused]) await member(db, person, "advisory_group");
  await member(db, formerAg, "advisory_group", { endsAt: at(-5) });
  const scChair = await createPerson(db, { name: "Cleo Chair" });
  const sc = await createPerson(db, { name: "Sid Steering" });
  await member(db, scChair, "steering_committee", { role: "chair" });
  await member(db, sc, "steering_committee");
  return {
    release,
    organisationId: organisation.id,
    rep,
    formerRep,
    ag,
    recused,
    formerAg,
    scChair,
    sc,
  };
}

let products = 0;

/** A declaration of Lockwise's, listed since 30 days before t0 unless told otherwise. */
export async function listedDeclaration(
  db: Database,
  world: World,
  state: DeclarationState = "listed",
): Promise<number> {
  products += 1;
  const body = bodyFor(world.release, `Lumen hub ${products}`, [{ module: "SW", level: "Bronze" }]);
  const row = await insertDeclaration(db, world.release, {
    organisationId: world.organisationId,
    createdBy: world.rep.id,
    bodies: state === "draft" ? [] : [body],
    state,
    listedAt: at(-30),
  });
  return row.number;
}

/** Publishes a new version, as the registry would, with one answer's words changed (or none). */
export async function publishNewVersion(
  db: Database,
  world: World,
  number: number,
  change: { ref: string; justification: string } | null,
): Promise<number> {
  const [row] = await db.select().from(declarations).where(eq(declarations.number, number));
  if (!row) throw new Error("no declaration");
  const [latest] = await db
    .select()
    .from(declarationVersions)
    .where(
      and(
        eq(declarationVersions.declarationId, row.id),
        eq(declarationVersions.version, row.latestVersion),
      ),
    );
  if (!latest) throw new Error("no version");
  const body = {
    ...latest.body,
    answers: latest.body.answers.map((answer) =>
      change && answer.ref === change.ref
        ? { ...answer, justification: change.justification }
        : answer,
    ),
  };
  const version = row.latestVersion + 1;
  await db.insert(declarationVersions).values({
    declarationId: row.id,
    version,
    releaseId: world.release.id,
    body,
    digest: `digest-${number}-${version}`,
    kind: change ? "published" : "reaffirmed",
    publishedBy: world.rep.id,
    publishedAt: t0,
  });
  await db.update(declarations).set({ latestVersion: version }).where(eq(declarations.id, row.id));
  return version;
}

/** The refusal code of a promise that must fail. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const domain = error as { code?: string; fieldErrors?: Record<string, string> };
    if (domain.code === "invalid_input") {
      return `invalid_input:${JSON.stringify(domain.fieldErrors)}`;
    }
    if (domain.code) return domain.code;
    throw error;
  }
  return "ok";
}

/** Every row the challenge process writes, counted, to show a refusal wrote nothing. */
export async function written(db: Database) {
  const [counts] = await db
    .execute<{
      challenges: number;
      votes: number;
      appeals: number;
      notifications: number;
      entries: number;
    }>(sql`select
    (select count(*)::int from challenge) as challenges,
    (select count(*)::int from challenge_vote) as votes,
    (select count(*)::int from challenge_appeal) as appeals,
    (select count(*)::int from notification) as notifications,
    (select count(*)::int from audit_log where action <> 'access.refused') as entries`)
    .then((result) => result.rows);
  return counts;
}

/** The challenge's row as stored. */
export async function challengeRow(db: Database, number: number) {
  const [row] = await db.select().from(challenges).where(eq(challenges.number, number));
  if (!row) throw new Error(`no challenge ${number}`);
  return row;
}

export async function declarationRow(db: Database, number: number) {
  const [row] = await db.select().from(declarations).where(eq(declarations.number, number));
  if (!row) throw new Error(`no declaration ${number}`);
  return row;
}

/** The audit entries about one challenge, oldest first. */
export async function entriesOf(db: Database, number: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, "challenge"), eq(auditLog.subjectId, String(number))))
    .orderBy(auditLog.id);
}
