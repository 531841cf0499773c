import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { users } from "@/lib/auth/schema";
import { type GroupMember, type Participant, requireGroupMember } from "@/lib/community/authz";
import type { Viewer } from "@/lib/community/viewer";
import { addDays, defaultCharter } from "@/lib/decisions/rules";
import { charters } from "@/lib/decisions/schema";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { notifications } from "@/lib/notifications/schema";
import type { Representative } from "@/lib/registry/authz";
import { requireRepresentative } from "@/lib/registry/authz";
import type { AnswerInput, SaveInput } from "@/lib/registry/declaration-input";
import { requireDeclarationRepresentative } from "@/lib/registry/declaration-rows";
import {
  saveDeclaration,
  startDeclaration,
  withdrawDeclaration,
} from "@/lib/registry/declarations";
import { publishDeclaration, reaffirmDeclaration } from "@/lib/registry/publish";
import { reviewDeclaration } from "@/lib/registry/review";
import { declarationsAwaitingReview } from "@/lib/registry/review-queue";
import { type Claim, requiredClauses } from "@/lib/registry/rules";
import {
  declarationEvidence,
  declarationReviews,
  declarations,
  declarationVersions,
  evidenceLinks,
  organisations,
  representatives,
} from "@/lib/registry/schema";
import { canonicalJson, type ReleaseContent } from "@/lib/releases/content";
import { releases, releaseWithdrawals } from "@/lib/releases/schema";
import { createTestDatabase, databaseErrorOf, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
const t0 = new Date("2026-11-20T09:00:00Z");
let standardId = "";
let latest: ReleaseContent;
let older: ReleaseContent;
let sam: Participant;
let tomas: Participant;
let mei: Participant;

let orgCount = 0;
async function organisation(name: string) {
  orgCount += 1;
  const creator = await createPerson(test.db);
  const [row] = await test.db
    .insert(organisations)
    .values({
      slug: `org-${orgCount}`,
      name,
      country: "NL",
      website: "https://example.org",
      contact: "https://example.org/contact",
      verificationToken: `token-${orgCount}`,
      createdBy: creator.id,
      createdAt: t0,
    })
    .returning();
  if (!row) throw new Error("no organisation");
  return row;
}

/** A person who represents `organisationId` from a month before t0, until `endsAt` if given. */
async function representative(organisationId: string, endsAt: Date | null = null) {
  const person = await createPerson(test.db);
  await test.db.insert(representatives).values({
    organisationId,
    userId: person.id,
    startsAt: addDays(t0, -30),
    endsAt,
  });
  return person;
}

const prove = (viewer: Viewer | null, organisationId: string, attempted: string, now = t0) =>
  requireRepresentative(test.db, viewer, organisationId, attempted, now);

const silverClaims: Claim[] = [
  { module: "SW", level: "Silver" },
  { module: "DATA", level: "Silver" },
];
const product = {
  name: "Hearth Thermostat",
  model: "HT-2",
  url: "https://example.org/hearth",
  category: "Heating",
};

/** Every required clause met, with evidence on the example domain. */
function completeAnswers(content: ReleaseContent, claims: Claim[], word = "Shown"): AnswerInput[] {
  return requiredClauses(content, claims).map((clause) => ({
    ref: clause.ref,
    answer: "met",
    justification: `${word} for ${clause.ref}.`,
    evidence: [`https://example.org/evidence/${clause.ref}`],
  }));
}

function saveInput(overrides: Partial<SaveInput> = {}): SaveInput {
  return {
    release: latest.version,
    product,
    claims: silverClaims,
    answers: completeAnswers(latest, silverClaims),
    ...overrides,
  };
}

/** A draft with complete answers, ready to publish, for a new organisation. */
async function readyDraft(name = "Acme Devices") {
  const org = await organisation(name);
  const person = await representative(org.id);
  const rep = await prove(person, org.id, "registry.declare");
  const { number } = await startDeclaration(
    test.db,
    rep,
    { standard: "iotmark", release: latest.version, product },
    t0,
  );
  await saveDeclaration(test.db, rep, number, saveInput(), t0);
  return { org, person, rep, number };
}

async function declarationRow(number: number) {
  const [row] = await test.db.select().from(declarations).where(eq(declarations.number, number));
  if (!row) throw new Error("no declaration");
  return row;
}

async function audits(number: number, action: string) {
  return test.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, String(number)), eq(auditLog.action, action)));
}

async function fieldErrorsOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, ...error.fieldErrors };
    throw error;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db, t0, { releases: true });
  const [standard] = await test.db.select().from(standards).where(eq(standards.slug, "iotmark"));
  standardId = standard?.id ?? "";
  const rows = await test.db.select().from(releases).where(eq(releases.standardId, standardId));
  const byVersion = new Map(rows.map((row) => [row.version, row.content]));
  latest = byVersion.get("1.1.0") as ReleaseContent;
  older = byVersion.get("1.0.0") as ReleaseContent;
  const demo = demoViewers(test.db, demoEmail, t0);
  sam = await demo("sam");
  tomas = await demo("tomas");
  mei = await demo("mei");
}, 240_000);
afterAll(() => test?.close());

describe("who may change a declaration", () => {
  const mutations: [string, (rep: Representative, number: number) => Promise<unknown>][] = [
    ["registry.edit_declaration", (rep, n) => saveDeclaration(test.db, rep, n, saveInput(), t0)],
    ["registry.publish_declaration", (rep, n) => publishDeclaration(test.db, rep, n, t0)],
    [
      "registry.reaffirm_declaration",
      (rep, n) => reaffirmDeclaration(test.db, rep, n, addDays(t0, 1)),
    ],
    [
      "registry.withdraw_declaration",
      (rep, n) => withdrawDeclaration(test.db, rep, n, "Discontinued.", addDays(t0, 2)),
    ],
  ];

  it("lets only a current representative of the organisation declare", async () => {
    const org = await organisation("Matrix Start Ltd");
    const other = await organisation("Elsewhere Ltd");
    const current = await representative(org.id);
    const ended = await representative(org.id, addDays(t0, -1));
    const outsider = await representative(other.id);
    const participant = await createPerson(test.db);
    const start = (viewer: Viewer | null) =>
      prove(viewer, org.id, "registry.declare").then((rep) =>
        startDeclaration(test.db, rep, { standard: "iotmark", release: "1.1.0", product }, t0),
      );
    expect(await outcomeOf(start(null))).toBe("unauthenticated");
    for (const viewer of [participant, outsider, ended]) {
      expect(await outcomeOf(start(viewer))).toBe("forbidden");
      const refused = await test.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.actorId, viewer.id), eq(auditLog.action, "access.refused")));
      expect(refused.map((entry) => entry.subjectId)).toContain("registry.declare");
    }
    expect(await outcomeOf(start(current))).toBe("ok");
  });

  it("refuses every other mutation to anyone but a current representative, in order", async () => {
    const { org, person, number } = await readyDraft("Matrix Ltd");
    const other = await organisation("Other Matrix Ltd");
    const outsider = await representative(other.id);
    const ended = await representative(org.id, addDays(t0, -1));
    const participant = await createPerson(test.db);
    // Publish first so that reaffirming and withdrawing have something to act on.
    const ordered = [mutations[0], mutations[1], mutations[2], mutations[3]];
    for (const entry of ordered) {
      if (!entry) continue;
      const [attempted, run] = entry;
      const attempt = (viewer: Viewer | null) =>
        requireDeclarationRepresentative(test.db, viewer, number, attempted, t0).then((rep) =>
          run(rep, number),
        );
      expect(await outcomeOf(attempt(null)), attempted).toBe("unauthenticated");
      for (const viewer of [participant, outsider, ended]) {
        expect(await outcomeOf(attempt(viewer)), `${attempted}`).toBe("forbidden");
        const refused = await test.db
          .select()
          .from(auditLog)
          .where(
            and(
              eq(auditLog.actorId, viewer.id),
              eq(auditLog.action, "access.refused"),
              eq(auditLog.subjectId, attempted),
            ),
          );
        expect(refused).toHaveLength(1);
      }
      // A representative's proof is for their own organisation only.
      const foreign = await prove(outsider, other.id, attempted);
      expect(await outcomeOf(run(foreign, number)), attempted).toBe("forbidden");
      expect(await outcomeOf(attempt(person)), attempted).toBe("ok");
    }
    expect((await declarationRow(number)).state).toBe("withdrawn");
  });

  it("lets only advisory-group members without a conflict review", async () => {
    await reviewSetting("all");
    try {
      const { rep, number } = await readyDraft("Gadgetry Works");
      await publishDeclaration(test.db, rep, number, t0);
      const participant = await createPerson(test.db);
      const review = (viewer: Viewer | null) =>
        requireGroupMember(test.db, viewer, "advisory_group", "registry.review_declaration").then(
          (member) =>
            reviewDeclaration(
              test.db,
              member,
              number,
              { verdict: "approved", comments: {} },
              addDays(t0, 1),
            ),
        );
      expect(await outcomeOf(review(null))).toBe("unauthenticated");
      expect(await outcomeOf(review(participant))).toBe("forbidden");
      expect(await outcomeOf(review(sam))).toBe("forbidden");
      await test.db
        .update(users)
        .set({ conflictOfInterest: "I advise Gadgetry Works on firmware." })
        .where(eq(users.id, tomas.id));
      expect(await outcomeOf(review(tomas))).toBe("review_conflict");
      expect(await test.db.select().from(declarationReviews)).toHaveLength(0);
      expect(await outcomeOf(review(mei))).toBe("ok");
      expect((await declarationRow(number)).state).toBe("listed");
    } finally {
      await reviewSetting("none");
    }
  });
});

/** Sets the charter's review setting straight in the table, as a charter call would. */
async function reviewSetting(value: string) {
  await test.db
    .insert(charters)
    .values({ standardId, ...defaultCharter, declarationReview: value })
    .onConflictDoUpdate({ target: charters.standardId, set: { declarationReview: value } });
}

describe("versions", () => {
  it("makes version n+1 with the digest of its canonical JSON, and keeps every one", async () => {
    const { rep, number } = await readyDraft("Versioned Ltd");
    const first = await publishDeclaration(test.db, rep, number, t0);
    expect(first).toEqual({ version: 1, state: "listed" });
    await saveDeclaration(
      test.db,
      rep,
      number,
      saveInput({ answers: completeAnswers(latest, silverClaims, "Reworded") }),
      addDays(t0, 3),
    );
    const second = await publishDeclaration(test.db, rep, number, addDays(t0, 3));
    expect(second.version).toBe(2);
    const versions = await test.db
      .select()
      .from(declarationVersions)
      .where(eq(declarationVersions.declarationId, (await declarationRow(number)).id));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    for (const version of versions) {
      const digest = createHash("sha256").update(canonicalJson(version.body), "utf8").digest("hex");
      expect(version.digest).toBe(digest);
      expect(version.kind).toBe("published");
    }
    const v1 = versions.find((v) => v.version === 1);
    expect(v1?.body.answers[0]?.justification).toMatch(/^Shown for /);
    // The database refuses to rewrite or delete history.
    expect(
      await databaseErrorOf(
        test.db
          .update(declarationVersions)
          .set({ digest: "0".repeat(64) })
          .where(eq(declarationVersions.id, v1?.id ?? "")),
      ),
    ).toMatch(/./);
    expect(
      await databaseErrorOf(
        test.db.delete(declarationVersions).where(eq(declarationVersions.id, v1?.id ?? "")),
      ),
    ).toMatch(/./);
    expect(await fieldErrorsOf(publishDeclaration(test.db, rep, number, addDays(t0, 4)))).toEqual({
      code: "invalid_input",
      form: "no_changes",
    });
    const published = await audits(number, "registry.declaration_published");
    expect(published.map((entry) => entry.details.version).sort()).toEqual([1, 2]);
    expect(published[0]?.details.product).toBe(product.name);
  });

  it("lists the latest version's evidence for the checker", async () => {
    const { rep, number } = await readyDraft("Evidence Ltd");
    await publishDeclaration(test.db, rep, number, t0);
    const row = await declarationRow(number);
    const cited = await test.db
      .select()
      .from(declarationEvidence)
      .where(eq(declarationEvidence.declarationId, row.id));
    const required = requiredClauses(latest, silverClaims);
    expect(cited).toHaveLength(required.length);
    const [link] = await test.db
      .select()
      .from(evidenceLinks)
      .where(eq(evidenceLinks.url, cited[0]?.url ?? ""));
    expect(link).toMatchObject({ state: "unchecked", host: "example.org" });
    expect(link?.nextCheckAt).toEqual(t0);
  });
});

describe("refusals next to fields, with nothing written", () => {
  it("refuses bad answers, claims, releases and names at save time", async () => {
    const { rep, number } = await readyDraft("Refused Ltd");
    const before = await declarationRow(number);
    const [sw] = requiredClauses(latest, silverClaims);
    const ref = sw?.ref ?? "";
    const withAnswer = (change: Partial<AnswerInput>) =>
      saveInput({
        answers: completeAnswers(latest, silverClaims).map((a) =>
          a.ref === ref ? { ...a, ...change } : a,
        ),
      });
    const cases: [SaveInput, Record<string, string>][] = [
      [
        withAnswer({ evidence: ["ftp://example.org/x"] }),
        { [`answers.${ref}.evidence`]: "invalid_url" },
      ],
      [
        withAnswer({ evidence: ["javascript:alert(1)"] }),
        { [`answers.${ref}.evidence`]: "invalid_url" },
      ],
      [
        withAnswer({ justification: "j".repeat(2001) }),
        { [`answers.${ref}.justification`]: "too_long" },
      ],
      [
        saveInput({ claims: [{ module: "SW", level: "Platinum" }] }),
        { "claims.SW": "unknown_level" },
      ],
      [
        saveInput({ claims: [{ module: "CLOUD", level: "Silver" }] }),
        { "claims.CLOUD": "unknown_module" },
      ],
      [saveInput({ release: "9.9.9" }), { release: "unknown_release" }],
      [
        saveInput({ product: { ...product, name: "<b>Hearth</b>" } }),
        { "product.name": "plain_text_only" },
      ],
      [
        saveInput({ product: { ...product, url: "ftp://example.org" } }),
        { "product.url": "invalid_url" },
      ],
    ];
    for (const [input, expected] of cases) {
      expect(
        await fieldErrorsOf(saveDeclaration(test.db, rep, number, input, addDays(t0, 1))),
      ).toEqual({
        code: "invalid_input",
        ...expected,
      });
    }
    expect(await declarationRow(number)).toEqual(before);
  });

  it("refuses to publish with a MUST unanswered or not met, writing nothing", async () => {
    const { rep, number } = await readyDraft("Incomplete Ltd");
    const must = requiredClauses(latest, silverClaims).find((c) => c.strength === "MUST");
    if (!must) throw new Error("the demo release has no MUST clause at Silver");
    const answers = completeAnswers(latest, silverClaims);
    await saveDeclaration(
      test.db,
      rep,
      number,
      saveInput({
        answers: answers.map((a) =>
          a.ref === must.ref ? { ...a, answer: "not_met", evidence: [] } : a,
        ),
      }),
      t0,
    );
    expect(await fieldErrorsOf(publishDeclaration(test.db, rep, number, t0))).toEqual({
      code: "invalid_input",
      [`answers.${must.ref}.answer`]: "must_be_met",
    });
    // An answer left empty on the form is not an answer: the working copy keeps the earlier one
    // only until it is cleared by a claim or release that no longer has the clause.
    const fresh = await readyDraft("Unanswered Ltd");
    await test.db
      .update(declarations)
      .set({
        working: {
          ...(await declarationRow(fresh.number)).working,
          answers: [],
        },
      })
      .where(eq(declarations.number, fresh.number));
    const refused = await fieldErrorsOf(publishDeclaration(test.db, fresh.rep, fresh.number, t0));
    expect(refused[`answers.${must.ref}.answer` as "code"]).toBe("required");
    for (const n of [number, fresh.number]) {
      expect((await declarationRow(n)).latestVersion).toBe(0);
      expect(await audits(n, "registry.declaration_published")).toHaveLength(0);
    }
  });
});

describe("the listing's life", () => {
  it("lists on first publication for twelve months; reaffirming moves the term", async () => {
    const { rep, number } = await readyDraft("Lifecycle Ltd");
    await publishDeclaration(test.db, rep, number, t0);
    let row = await declarationRow(number);
    expect(row).toMatchObject({ state: "listed", latestVersion: 1, productName: product.name });
    expect(row.listedAt).toEqual(t0);
    expect(row.expiresAt?.toISOString()).toBe("2027-11-20T09:00:00.000Z");
    const listed = await audits(number, "registry.declaration_listed");
    expect(listed.map((entry) => entry.details.expires)).toEqual(["2027-11-20"]);

    // A change while listed keeps the term.
    await saveDeclaration(
      test.db,
      rep,
      number,
      saveInput({ product: { ...product, model: "HT-3" } }),
      addDays(t0, 10),
    );
    await publishDeclaration(test.db, rep, number, addDays(t0, 10));
    row = await declarationRow(number);
    expect(row.expiresAt?.toISOString()).toBe("2027-11-20T09:00:00.000Z");

    // Reaffirming without changes renews the term from today, as a new version.
    const later = new Date("2027-10-25T09:00:00Z");
    await test.db
      .update(declarations)
      .set({ remindedDays: 30 })
      .where(eq(declarations.number, number));
    const renewed = await reaffirmDeclaration(test.db, rep, number, later);
    expect(renewed).toMatchObject({ version: 3, state: "listed" });
    row = await declarationRow(number);
    expect(row.expiresAt?.toISOString()).toBe("2028-10-25T09:00:00.000Z");
    expect(row.remindedDays).toBeNull();
    const [v3] = await test.db
      .select()
      .from(declarationVersions)
      .where(
        and(eq(declarationVersions.declarationId, row.id), eq(declarationVersions.version, 3)),
      );
    expect(v3?.kind).toBe("reaffirmed");
    expect((await audits(number, "registry.declaration_reaffirmed"))[0]?.details).toEqual({
      version: 3,
      expires: "2028-10-25",
    });

    // Withdrawal is final.
    expect(await fieldErrorsOf(withdrawDeclaration(test.db, rep, number, "  ", later))).toEqual({
      code: "invalid_input",
      note: "required",
    });
    await withdrawDeclaration(test.db, rep, number, "The product is discontinued.", later);
    row = await declarationRow(number);
    expect(row).toMatchObject({
      state: "withdrawn",
      stateReason: "withdrawn",
      stateNote: "The product is discontinued.",
    });
    expect((await audits(number, "registry.declaration_withdrawn"))[0]?.details).toEqual({
      reason: "The product is discontinued.",
    });
    for (const run of [
      () => saveDeclaration(test.db, rep, number, saveInput(), later),
      () => publishDeclaration(test.db, rep, number, later),
      () => reaffirmDeclaration(test.db, rep, number, later),
      () => withdrawDeclaration(test.db, rep, number, "Again.", later),
    ]) {
      expect(await outcomeOf(run())).toBe("declaration_closed");
    }
  });

  it("reaffirms a lapsed listing into a new term, and refuses a draft", async () => {
    const { rep, number } = await readyDraft("Lapsing Ltd");
    expect(await outcomeOf(reaffirmDeclaration(test.db, rep, number, t0))).toBe("conflict");
    await publishDeclaration(test.db, rep, number, t0);
    const after = new Date("2027-12-01T09:00:00Z");
    await test.db
      .update(declarations)
      .set({ state: "lapsed", stateReason: "term_ended" })
      .where(eq(declarations.number, number));
    await reaffirmDeclaration(test.db, rep, number, after);
    const row = await declarationRow(number);
    expect(row).toMatchObject({ state: "listed", stateReason: null, listedAt: after });
    expect(row.expiresAt?.toISOString()).toBe("2028-12-01T09:00:00.000Z");
  });

  it("waits for the advisory group where the charter asks, and goes back on changes", async () => {
    await reviewSetting("Silver");
    try {
      const { rep, person, number } = await readyDraft("Reviewed Ltd");
      const published = await publishDeclaration(test.db, rep, number, t0);
      expect(published.state).toBe("pending_review");
      let row = await declarationRow(number);
      expect(row.listedAt).toBeNull();
      expect(await audits(number, "registry.declaration_listed")).toHaveLength(0);
      expect(
        (await declarationsAwaitingReview(test.db)).map((waiting) => waiting.number),
      ).toContain(number);

      const member = (await requireGroupMember(
        test.db,
        mei,
        "advisory_group",
        "registry.review_declaration",
      )) as GroupMember<"advisory_group">;
      const ref = requiredClauses(latest, silverClaims)[0]?.ref ?? "";
      expect(
        await fieldErrorsOf(
          reviewDeclaration(test.db, member, number, {
            verdict: "changes_requested",
            comments: {},
          }),
        ),
      ).toEqual({ code: "invalid_input", comment: "required" });
      await reviewDeclaration(
        test.db,
        member,
        number,
        {
          verdict: "changes_requested",
          comments: { [ref]: "Link the policy itself.", "": "Close." },
        },
        addDays(t0, 1),
      );
      row = await declarationRow(number);
      expect(row.state).toBe("draft");
      expect(row.latestVersion).toBe(1);
      const [note] = await test.db
        .select()
        .from(notifications)
        .where(eq(notifications.userId, person.id));
      expect(note).toMatchObject({
        kind: "declaration_reviewed",
        path: `/registry/${number}/edit`,
      });
      expect((await audits(number, "registry.declaration_reviewed"))[0]?.details).toEqual({
        version: 1,
        choice: "changes_requested",
      });

      await saveDeclaration(
        test.db,
        rep,
        number,
        saveInput({ answers: completeAnswers(latest, silverClaims, "Linked") }),
        addDays(t0, 2),
      );
      expect((await publishDeclaration(test.db, rep, number, addDays(t0, 2))).state).toBe(
        "pending_review",
      );
      await reviewDeclaration(
        test.db,
        member,
        number,
        { verdict: "approved", comments: {} },
        addDays(t0, 3),
      );
      row = await declarationRow(number);
      expect(row.state).toBe("listed");
      expect(row.listedAt).toEqual(addDays(t0, 3));
      expect(await audits(number, "registry.declaration_listed")).toHaveLength(1);
      expect(
        await outcomeOf(
          reviewDeclaration(test.db, member, number, { verdict: "approved", comments: {} }),
        ),
      ).toBe("conflict");

      // Reaffirming the same answers renews at once; changed answers wait for a review again.
      expect((await reaffirmDeclaration(test.db, rep, number, addDays(t0, 4))).state).toBe(
        "listed",
      );
      await saveDeclaration(
        test.db,
        rep,
        number,
        saveInput({ answers: completeAnswers(latest, silverClaims, "Updated") }),
        addDays(t0, 5),
      );
      expect((await reaffirmDeclaration(test.db, rep, number, addDays(t0, 5))).state).toBe(
        "pending_review",
      );

      // Bronze claims do not wait when the charter reviews Silver and above.
      const bronze = await readyDraft("Bronze Only Ltd");
      const bronzeClaims: Claim[] = [{ module: "SW", level: "Bronze" }];
      await saveDeclaration(
        test.db,
        bronze.rep,
        bronze.number,
        saveInput({ claims: bronzeClaims, answers: completeAnswers(latest, bronzeClaims) }),
        t0,
      );
      expect((await publishDeclaration(test.db, bronze.rep, bronze.number, t0)).state).toBe(
        "listed",
      );
    } finally {
      await reviewSetting("none");
    }
  });

  it("keeps answers for clauses the new release still has when the release changes", async () => {
    const { rep, number } = await readyDraft("Switching Ltd");
    await saveDeclaration(test.db, rep, number, saveInput({ release: older.version }), t0);
    const row = await declarationRow(number);
    expect(row.working.release.version).toBe(older.version);
    const olderRefs = new Set(older.clauses.map((c) => c.ref));
    expect(row.working.answers.every((a) => olderRefs.has(a.ref))).toBe(true);
    expect(row.working.answers.length).toBeGreaterThan(0);
  });
});

// Last: a withdrawal cannot be undone, and the tests above declare against 1.0.0 too.
describe("withdrawn releases", () => {
  it("refuses an unpublished or withdrawn release when starting", async () => {
    const org = await organisation("Release Picky Ltd");
    const rep = await prove(await representative(org.id), org.id, "registry.declare");
    const start = (release: string, name = product.name) =>
      fieldErrorsOf(
        startDeclaration(
          test.db,
          rep,
          { standard: "iotmark", release, product: { ...product, name } },
          t0,
        ),
      );
    expect(await start("2.0.0")).toEqual({ code: "invalid_input", release: "unknown_release" });
    expect(await start("1.1.0", "a <script>")).toEqual({
      code: "invalid_input",
      "product.name": "plain_text_only",
    });
    const [withdrawn] = await test.db
      .select()
      .from(releases)
      .where(and(eq(releases.standardId, standardId), eq(releases.version, older.version)));
    await test.db.insert(releaseWithdrawals).values({
      releaseId: withdrawn?.id ?? "",
      reason: "Superseded by a fix.",
      withdrawnBy: sam.id,
      withdrawnAt: t0,
    });
    {
      expect(await start(older.version)).toEqual({
        code: "invalid_input",
        release: "release_withdrawn",
      });
      const mine = await test.db
        .select()
        .from(declarations)
        .where(eq(declarations.organisationId, org.id));
      expect(mine).toHaveLength(0);
      const draft = await readyDraft("Late Switch Ltd");
      expect(
        await fieldErrorsOf(
          saveDeclaration(
            test.db,
            draft.rep,
            draft.number,
            saveInput({ release: older.version }),
            t0,
          ),
        ),
      ).toEqual({ code: "invalid_input", release: "release_withdrawn" });
    }
  });
});
