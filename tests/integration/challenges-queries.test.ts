import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as badgeRoute } from "@/app/registry/[number]/badge.svg/route";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import { fileChallenge } from "@/lib/challenges/filing";
import {
  challengeRecord,
  challengesOfDeclaration,
  listChallenges,
  parseChallengeSearch,
} from "@/lib/challenges/queries";
import type { ChallengeCharter, ChallengePhase } from "@/lib/challenges/rules";
import { challenges, challengeVotes } from "@/lib/challenges/schema";
import type { Participant } from "@/lib/community/authz";
import { memberships } from "@/lib/community/schema";
import type { Viewer } from "@/lib/community/viewer";
import { defaultCharter } from "@/lib/decisions/rules";
import { declarations, representatives } from "@/lib/registry/schema";
import { challengeTimeline } from "@/lib/transparency/challenge-timeline";
import { putCharterForTest } from "@/tests/charter";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";
import {
  bodyFor,
  insertDeclaration,
  insertOrganisation,
  publishedRegistryStandard,
  type TestRelease,
} from "@/tests/registry-fixtures";

let test: TestDatabase;
let release: TestRelease;
let otherRelease: TestRelease;
const now = new Date("2026-07-01T12:00:00Z");
const earlier = (days: number) => new Date(now.getTime() - days * 86_400_000);
const charter: ChallengeCharter = {
  challengeResponseDays: 30,
  agDeadlineDays: 14,
  appealWindowDays: 14,
  relistingBanDays: 90,
};
const FILER = "Wanda Withheld";
const OPEN_FILER = "Otto Open";
let people: Record<
  "filer" | "openFiler" | "rep" | "ag" | "sc" | "outsider" | "pastAg",
  Participant
>;
let acme: { id: string; slug: string };
let blue: { id: string; slug: string };
let camera: { id: string; number: number };
let lock: { id: string; number: number };
let numbers: Record<"withheld" | "open" | "decided" | "dismissed" | "misuse", number>;

async function insertChallenge(values: {
  declaration?: { id: string; number: number };
  standardId?: string;
  filedBy: string;
  withhold: boolean;
  phase: ChallengePhase;
  filedAt: Date;
  clauses?: string[];
  response?: "cure" | "dispute";
}) {
  const [row] = await test.db
    .insert(challenges)
    .values({
      kind: values.declaration ? "challenge" : "misuse_report",
      standardId: values.standardId ?? release.standardId,
      declarationId: values.declaration?.id ?? null,
      declarationVersion: values.declaration ? 1 : null,
      clauses: values.clauses ?? [],
      reason: "The answer does not hold.",
      evidence: ["https://evidence.example/proof"],
      subjectName: values.declaration ? null : "Knockoff Cam",
      seenAt: values.declaration ? null : "A marketplace",
      subjectUrl: values.declaration ? null : "https://shop.example/cam",
      filedBy: values.filedBy,
      withholdName: values.withhold,
      organisations: [
        values.declaration === undefined
          ? "Knockoff Cam"
          : values.declaration.id === camera.id
            ? "Acme Devices"
            : "Blue Widgets",
      ],
      charter,
      phase: values.phase,
      filedAt: values.filedAt,
      responseDeadline: new Date(values.filedAt.getTime() + 30 * 86_400_000),
      response: values.response ?? null,
      responseText: values.response ? "We changed it." : null,
    })
    .returning({ id: challenges.id, number: challenges.number });
  if (!row) throw new Error("no challenge");
  return row;
}

beforeAll(async () => {
  test = await createTestDatabase();
  (globalThis as { humDatabase?: unknown }).humDatabase = { db: test.db };
  const secretary = await createSecretary(test.db);
  release = await publishedRegistryStandard(test.db, secretary);
  otherRelease = await publishedRegistryStandard(test.db, secretary);
  const make = (name: string) => createPerson(test.db, { name });
  people = {
    filer: await make(FILER),
    openFiler: await make(OPEN_FILER),
    rep: await make("Rita Rep"),
    ag: await make("Ada Adviser"),
    sc: await make("Sol Steering"),
    outsider: await make("Oscar Outside"),
    pastAg: await make("Paul Past"),
  };
  await test.db.insert(memberships).values([
    { userId: people.ag.id, group: "advisory_group", startsAt: earlier(400) },
    { userId: people.sc.id, group: "steering_committee", startsAt: earlier(400) },
    {
      userId: people.pastAg.id,
      group: "advisory_group",
      startsAt: earlier(400),
      endsAt: earlier(10),
    },
  ]);
  acme = await insertOrganisation(test.db, secretary.id, { name: "Acme Devices" });
  blue = await insertOrganisation(test.db, secretary.id, { name: "Blue Widgets" });
  await test.db
    .insert(representatives)
    .values({ organisationId: acme.id, userId: people.rep.id, startsAt: earlier(400) });
  const silver = [{ module: "SW", level: "Silver" }];
  camera = await insertDeclaration(test.db, release, {
    organisationId: acme.id,
    createdBy: secretary.id,
    bodies: [bodyFor(release, "Camera", silver)],
    listedAt: earlier(100),
  });
  lock = await insertDeclaration(test.db, otherRelease, {
    organisationId: blue.id,
    createdBy: secretary.id,
    bodies: [bodyFor(otherRelease, "Lock", silver)],
    listedAt: earlier(100),
  });
  const withheld = await insertChallenge({
    declaration: camera,
    filedBy: people.filer.id,
    withhold: true,
    phase: "responding",
    filedAt: earlier(3),
    clauses: ["SW-1"],
  });
  const open = await insertChallenge({
    declaration: camera,
    filedBy: people.openFiler.id,
    withhold: false,
    phase: "escalated_ag",
    filedAt: earlier(2),
    response: "cure",
  });
  const decided = await insertChallenge({
    declaration: lock,
    standardId: otherRelease.standardId,
    filedBy: people.filer.id,
    withhold: true,
    phase: "ag_decided",
    filedAt: earlier(20),
    clauses: ["SW-2"],
  });
  const dismissed = await insertChallenge({
    declaration: lock,
    standardId: otherRelease.standardId,
    filedBy: people.openFiler.id,
    withhold: false,
    phase: "dismissed",
    filedAt: earlier(40),
  });
  const misuse = await insertChallenge({
    filedBy: people.filer.id,
    withhold: true,
    phase: "escalated_ag",
    filedAt: earlier(1),
  });
  numbers = {
    withheld: withheld.number,
    open: open.number,
    decided: decided.number,
    dismissed: dismissed.number,
    misuse: misuse.number,
  };
  await test.db
    .update(declarations)
    .set({ openChallenges: 2 })
    .where(eq(declarations.id, camera.id));
  // As the filing records them: a withheld filing has no actor; the challenger's later entries
  // (a withdrawal attempt, say) carry their id, which the timeline must not show either.
  await recordAudit(test.db, {
    actorId: null,
    action: "registry.challenge_filed",
    subjectType: "challenge",
    subjectId: String(withheld.number),
    details: { party: "withheld", product: "Camera", clauses: "SW-1" },
    at: earlier(3),
  });
  await recordAudit(test.db, {
    actorId: people.filer.id,
    action: "registry.challenge_withdrawn",
    subjectType: "challenge",
    subjectId: String(withheld.number),
    details: {},
    at: earlier(2),
  });
  await recordAudit(test.db, {
    actorId: people.openFiler.id,
    action: "registry.challenge_filed",
    subjectType: "challenge",
    subjectId: String(open.number),
    details: { product: "Camera" },
    at: earlier(2),
  });
});

afterAll(async () => {
  await test?.close();
});

const record = (number: number, viewer: Viewer | null) =>
  challengeRecord(test.db, number, viewer, now);

describe("the challenger's name", () => {
  it("is hidden from the public, the declarant and anyone else when withheld", async () => {
    for (const viewer of [null, people.rep, people.outsider, people.pastAg, people.openFiler]) {
      const shown = await record(numbers.withheld, viewer);
      expect(shown?.filerName).toBeNull();
      expect(shown?.withheld).toBe(true);
      expect(JSON.stringify(shown)).not.toContain(FILER);
    }
  });

  it("is shown to current AG and SC members and to the challenger themself", async () => {
    for (const viewer of [people.ag, people.sc, people.filer]) {
      expect((await record(numbers.withheld, viewer))?.filerName).toBe(FILER);
    }
    expect((await record(numbers.withheld, people.filer))?.viewerIsFiler).toBe(true);
    expect((await record(numbers.withheld, people.ag))?.viewerIsFiler).toBe(false);
  });

  it("is hidden from an AG member who represents the organisation or is conflicted with it", async () => {
    const representing = await createPerson(test.db, { name: "Vic Vendor" });
    const conflicted = await createPerson(test.db, { name: "Cora Conflicted" });
    await test.db
      .update(users)
      .set({ affiliation: "Acme Devices" })
      .where(eq(users.id, conflicted.id));
    await test.db.insert(memberships).values(
      [representing, conflicted].map((person) => ({
        userId: person.id,
        group: "advisory_group" as const,
        startsAt: earlier(400),
        endsAt: earlier(-1),
      })),
    );
    await test.db
      .insert(representatives)
      .values({ organisationId: acme.id, userId: representing.id, startsAt: earlier(400) });
    for (const viewer of [representing, conflicted]) {
      const shown = await record(numbers.withheld, viewer);
      expect(shown?.filerName).toBeNull();
      expect(JSON.stringify(shown)).not.toContain(FILER);
    }
    // Neither is offered a vote on it: the representative is a party, and takes no part.
    expect((await record(numbers.withheld, representing))?.may.vote).toBeNull();
  });

  it("is shown to everyone when not withheld", async () => {
    expect((await record(numbers.open, null))?.filerName).toBe(OPEN_FILER);
  });

  it("never appears in the timeline of a withheld filing shown to the public", async () => {
    const publicView = await record(numbers.withheld, null);
    if (!publicView) throw new Error("missing");
    const rows = await challengeTimeline(test.db, publicView);
    expect(rows.map((row) => row.action)).toEqual([
      "registry.challenge_filed",
      "registry.challenge_withdrawn",
    ]);
    expect(rows.every((row) => row.actorId === null)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(FILER);
    const agView = await record(numbers.withheld, people.ag);
    if (!agView) throw new Error("missing");
    const forAg = await challengeTimeline(test.db, agView);
    expect(forAg.some((row) => row.actorName === FILER)).toBe(true);
  });

  it("never appears in the log nor in the declaration's list", async () => {
    const log = await listChallenges(test.db, {});
    expect(JSON.stringify(log)).not.toContain(FILER);
    expect(JSON.stringify(log)).not.toContain(OPEN_FILER);
    const own = await challengesOfDeclaration(test.db, camera.id);
    expect(own.map((row) => row.number)).toEqual([numbers.open, numbers.withheld]);
    expect(JSON.stringify(own)).not.toContain(FILER);
  });
});

describe("the public log", () => {
  it("lists newest first with names of product, organisation and standard", async () => {
    const { rows, total } = await listChallenges(test.db, {});
    const ours = Object.values(numbers);
    const listed = rows.filter((row) => ours.includes(row.number)).map((row) => row.number);
    expect(listed).toEqual([
      numbers.misuse,
      numbers.open,
      numbers.withheld,
      numbers.decided,
      numbers.dismissed,
    ]);
    expect(total).toBeGreaterThanOrEqual(5);
    const camRow = rows.find((row) => row.number === numbers.withheld);
    expect(camRow).toMatchObject({
      kind: "challenge",
      phase: "responding",
      clauses: ["SW-1"],
      declaration: { number: camera.number, product: "Camera" },
      organisation: { slug: acme.slug, name: "Acme Devices" },
      standard: { slug: release.slug },
    });
    const misuseRow = rows.find((row) => row.number === numbers.misuse);
    expect(misuseRow).toMatchObject({ declaration: null, subjectName: "Knockoff Cam" });
  });

  it("filters by state, standard and organisation", async () => {
    const numbersOf = async (filter: Parameters<typeof listChallenges>[1]) =>
      (await listChallenges(test.db, filter)).rows.map((row) => row.number);
    expect(await numbersOf({ organisation: acme.slug })).toEqual([numbers.open, numbers.withheld]);
    expect(await numbersOf({ standard: otherRelease.slug })).toEqual([
      numbers.decided,
      numbers.dismissed,
    ]);
    expect(await numbersOf({ standard: otherRelease.slug, state: "closed" })).toEqual([
      numbers.dismissed,
    ]);
    expect(await numbersOf({ standard: otherRelease.slug, state: "open" })).toEqual([
      numbers.decided,
    ]);
    expect(await numbersOf({ state: "responding", organisation: acme.slug })).toEqual([
      numbers.withheld,
    ]);
    expect(await numbersOf({ organisation: "nobody" })).toEqual([]);
  });

  it("reads its query string leniently", () => {
    expect(parseChallengeSearch({ state: "open", standard: "x", page: "2" })).toEqual({
      state: "open",
      standard: "x",
      organisation: undefined,
      page: 2,
    });
    expect(parseChallengeSearch({ state: "bogus", page: "-1" })).toMatchObject({
      state: undefined,
      page: 1,
    });
  });
});

describe("what the viewer may do", () => {
  it("lets the representative respond and the challenger withdraw while responding", async () => {
    expect((await record(numbers.withheld, people.rep))?.may).toEqual({
      respond: true,
      withdraw: false,
      vote: null,
      appeal: false,
    });
    expect((await record(numbers.withheld, people.filer))?.may).toMatchObject({
      respond: false,
      withdraw: true,
    });
    expect((await record(numbers.withheld, null))?.may).toEqual({
      respond: false,
      withdraw: false,
      vote: null,
      appeal: false,
    });
    expect((await record(numbers.withheld, people.ag))?.may.vote).toBeNull();
  });

  it("lets a current AG member vote once, with 'upheld and cured' only after a cure", async () => {
    const shown = await record(numbers.open, people.ag);
    expect(shown?.may.vote).toBe("ag");
    expect(shown?.verdicts).toEqual(["dismiss", "uphold_cured", "strike_off"]);
    expect((await record(numbers.open, people.pastAg))?.may.vote).toBeNull();
    expect((await record(numbers.open, people.sc))?.may.vote).toBeNull();
    expect((await record(numbers.open, people.openFiler))?.may.withdraw).toBe(true);
    const [row] = await test.db
      .select()
      .from(challenges)
      .where(eq(challenges.number, numbers.open));
    if (!row) throw new Error("missing");
    await test.db.insert(challengeVotes).values({
      challengeId: row.id,
      stage: "ag",
      userId: people.ag.id,
      choice: "dismiss",
      rationale: "It holds.",
      castAt: earlier(1),
    });
    const after = await record(numbers.open, people.ag);
    expect(after?.may.vote).toBeNull();
    expect(after?.votes).toEqual([
      expect.objectContaining({ stage: "ag", voterName: "Ada Adviser", choice: "dismiss" }),
    ]);
    expect((await record(numbers.withheld, people.ag))?.verdicts).toEqual([
      "dismiss",
      "strike_off",
    ]);
    expect((await record(numbers.misuse, people.ag))?.verdicts).toEqual([
      "dismiss",
      "confirm_misuse",
    ]);
  });

  it("lets either party appeal while the AG's decision is open to appeal", async () => {
    expect((await record(numbers.decided, people.filer))?.may.appeal).toBe(true);
    expect((await record(numbers.decided, people.outsider))?.may.appeal).toBe(false);
    // Rita represents Acme, not Blue: she is no party to the lock's challenge.
    expect((await record(numbers.decided, people.rep))?.may.appeal).toBe(false);
    expect((await record(numbers.dismissed, people.openFiler))?.may).toEqual({
      respond: false,
      withdraw: false,
      vote: null,
      appeal: false,
    });
  });
});

describe("the badge", () => {
  const badge = async (number: number) => {
    const response = await badgeRoute(
      new Request(`http://localhost/registry/${number}/badge.svg`),
      {
        params: Promise.resolve({ number: String(number) }),
      },
    );
    return response.text();
  };

  it("says 'under challenge' only where the charter asks for it", async () => {
    expect(await badge(camera.number)).not.toContain("Under challenge");
    await putCharterForTest(test.db, release.standardId, {
      ...defaultCharter,
      challengeOnBadge: true,
    });
    expect(await badge(camera.number)).toContain("Under challenge");
    expect(await badge(lock.number)).not.toContain("Under challenge");
  });

  it("says 'Struck off' for a struck-off listing", async () => {
    await test.db
      .update(declarations)
      .set({ state: "struck_off" })
      .where(eq(declarations.id, lock.id));
    expect(await badge(lock.number)).toContain("Struck off");
  });
});

// Last: it adds a challenge to the camera, which the lists above count.
describe("a challenge filed through lib/challenges", () => {
  it("stays hidden when the challenge is filed through lib/challenges", async () => {
    const { number } = await fileChallenge(
      test.db,
      people.filer,
      {
        declarationNumber: camera.number,
        clauses: ["SW-2"],
        reason: "The page names no date.",
        evidence: [],
        withholdName: true,
      },
      now,
    );
    for (const viewer of [null, people.rep]) {
      const shown = await record(number, viewer);
      if (!shown) throw new Error("missing");
      expect(shown.filerName).toBeNull();
      const rows = await challengeTimeline(test.db, shown);
      expect(rows.map((row) => row.action)).toContain("registry.challenge_filed");
      expect(JSON.stringify([shown, rows])).not.toContain(FILER);
    }
    expect((await record(number, people.sc))?.filerName).toBe(FILER);
    expect((await challengesOfDeclaration(test.db, camera.id)).map((row) => row.number)).toContain(
      number,
    );
  });
});
