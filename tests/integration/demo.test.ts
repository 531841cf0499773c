import { readFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { challengeAppeals, challenges, challengeVotes } from "@/lib/challenges/schema";
import { seedDemo } from "@/lib/demo/seed";
import { formatRef } from "@/lib/drafting/rules";
import { clauseRevisions, clauses, standards } from "@/lib/drafting/schema";
import { termsOf } from "@/lib/drafting/terms";
import { declarationDigest, requiredClauses } from "@/lib/registry/rules";
import {
  declarationEvidence,
  declarations,
  declarationVersions,
  evidenceLinks,
  organisations,
} from "@/lib/registry/schema";
import { contentDigest, type ReleaseContent } from "@/lib/releases/content";
import { getRelease } from "@/lib/releases/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

let test: TestDatabase;
let standardId = "";

// The demo as `npm run dev` creates it: clauses with their histories, both releases, open calls.
beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db, new Date("2026-11-20T09:00:00Z"), { releases: true });
  const [standard] = await test.db.select().from(standards).where(eq(standards.slug, "iotmark"));
  standardId = standard?.id ?? "";
}, 240_000);
afterAll(() => test?.close());

const demoClauses = () =>
  test.db
    .select()
    .from(clauses)
    .where(eq(clauses.standardId, standardId))
    .orderBy(asc(clauses.refCode), asc(clauses.refNumber));

describe("the demo community", () => {
  it("dates each clause's revisions in the order they are numbered", async () => {
    const rows = await test.db
      .select({
        refCode: clauses.refCode,
        refNumber: clauses.refNumber,
        number: clauseRevisions.number,
        createdAt: clauseRevisions.createdAt,
      })
      .from(clauseRevisions)
      .innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
      .where(and(eq(clauses.standardId, standardId)))
      .orderBy(asc(clauses.refCode), asc(clauses.refNumber), asc(clauseRevisions.number));
    const outOfOrder: string[] = [];
    for (const [index, row] of rows.entries()) {
      const before = rows[index - 1];
      const sameClause = before?.refCode === row.refCode && before.refNumber === row.refNumber;
      if (before && sameClause && before.createdAt >= row.createdAt) {
        outOfOrder.push(
          `${formatRef(row.refCode, row.refNumber)}: revision ${row.number} (${row.createdAt.toISOString()}) is not after revision ${before.number} (${before.createdAt.toISOString()})`,
        );
      }
    }
    expect(rows.length).toBeGreaterThan(0);
    expect(outOfOrder).toEqual([]);
  });

  it("gives every clause a title of its own", async () => {
    const titles = (await demoClauses()).map((clause) => clause.title);
    const repeated = titles.filter((title, index) => titles.indexOf(title) !== index);
    expect(repeated).toEqual([]);
  });

  it("releases its scope, terminology and definitions before the modules", async () => {
    const latest = await getRelease(test.db, "iotmark", "1.1.0");
    expect(latest?.content.sections?.map((section) => section.slug)).toEqual([
      "scope",
      "terminology",
      "definitions",
    ]);
    const definitions = latest?.content.sections?.find((section) => section.kind === "definitions");
    expect(termsOf(definitions?.body ?? { type: "doc" }).map((term) => term.slug)).toEqual([
      "term-device",
      "term-vendor",
      "term-user",
      "term-update",
    ]);
    expect(contentDigest(latest?.content ?? ({} as ReleaseContent))).toBe(latest?.digest);
  });

  it("has as many clauses as the README says", async () => {
    const readme = readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
    const said = readme.match(/IoTmark Principles with (\d+) clauses/)?.[1];
    expect(Number(said)).toBe((await demoClauses()).length);
  });

  it("declares five products against the newest release, each answer backed and checked", async () => {
    const latest = await getRelease(test.db, "iotmark", "latest");
    const rows = await test.db
      .select()
      .from(declarations)
      .where(eq(declarations.standardId, standardId))
      .orderBy(asc(declarations.number));
    expect(rows.map((row) => row.state)).toEqual([
      "listed",
      "listed",
      "lapsed",
      "draft",
      "struck_off",
    ]);
    expect(rows[2]).toMatchObject({ stateReason: "term_ended" });
    expect(rows[0]?.claims?.map((claim) => claim.level)).toEqual(["Silver", "Silver", "Silver"]);
    expect(rows[1]?.claims).toEqual([
      { module: "HW", level: "Bronze" },
      { module: "SW", level: "Bronze" },
    ]);
    const now = new Date("2026-11-20T09:00:00Z");
    for (const row of rows.slice(0, 2))
      expect(row.expiresAt?.getTime()).toBeGreaterThan(now.getTime());
    expect(rows[2]?.expiresAt?.getTime()).toBeLessThan(now.getTime());
    const content = latest?.content ?? ({} as ReleaseContent);
    for (const row of rows) {
      // Every required clause is answered, and "met" answers cite evidence on example domains.
      const required = requiredClauses(content, row.working.claims).map((clause) => clause.ref);
      expect(row.working.answers.map((answer) => answer.ref)).toEqual(required);
      for (const answer of row.working.answers) {
        if (answer.answer === "met")
          expect(answer.evidence[0]).toMatch(/^https:\/\/\w+\.example\.org\//);
        expect(answer.justification.length).toBeGreaterThan(20);
      }
      const versions = await test.db
        .select()
        .from(declarationVersions)
        .where(eq(declarationVersions.declarationId, row.id))
        .orderBy(asc(declarationVersions.version));
      expect(versions.length).toBe(row.latestVersion);
      for (const version of versions) {
        expect(version.releaseId).toBe(latest?.id);
        expect(version.digest).toBe(declarationDigest(version.body));
      }
      if (row.state !== "draft") expect(row.releaseId).toBe(latest?.id);
    }
    const links = await test.db.select().from(evidenceLinks);
    const cited = await test.db.select().from(declarationEvidence);
    expect(cited.length).toBeGreaterThan(0);
    // Every cited page is checked; a page no longer cited was cited by an earlier version.
    const citedUrls = new Set(cited.map((row) => row.url));
    const linkUrls = new Set(links.map((link) => link.url));
    for (const url of citedUrls) expect(linkUrls).toContain(url);
    const versionsText = JSON.stringify(await test.db.select().from(declarationVersions));
    for (const url of linkUrls) if (!citedUrls.has(url)) expect(versionsText).toContain(url);
    expect(links.every((link) => link.state === "ok" && link.checkedAt !== null)).toBe(true);
    const verified = await test.db.select().from(organisations).orderBy(asc(organisations.slug));
    expect(verified.map((org) => org.verifiedDomain !== null)).toEqual([true, false]);
  });

  it("has a challenge dismissed, one upheld and cured, one struck off on appeal and a report open", async () => {
    const now = new Date("2026-11-20T09:00:00Z");
    const rows = await test.db
      .select({
        challenge: challenges,
        product: declarations.productName,
        declarationState: declarations.state,
        latestVersion: declarations.latestVersion,
        barredUntil: declarations.relistingBarredUntil,
        openChallenges: declarations.openChallenges,
      })
      .from(challenges)
      .leftJoin(declarations, eq(declarations.id, challenges.declarationId))
      .orderBy(asc(challenges.number));
    const byProduct = (product: string | null) => {
      const row = rows.find((candidate) => candidate.product === product);
      if (!row) throw new Error(`no challenge for ${product}`);
      return row;
    };
    expect(rows).toHaveLength(4);

    const dismissed = byProduct("Hearthly Thermostat T3");
    expect(dismissed.challenge).toMatchObject({ kind: "challenge", phase: "dismissed" });
    expect(dismissed.challenge.rationale).toBeTruthy();
    expect(dismissed.declarationState).toBe("listed");

    const cured = byProduct("Glow Smart Plug");
    expect(cured.challenge).toMatchObject({
      phase: "upheld_cured",
      response: "cure",
      withholdName: true,
      cureVersion: 3,
    });
    expect(cured).toMatchObject({ declarationState: "listed", latestVersion: 3 });

    const struck = byProduct("Glow Indoor Camera");
    expect(struck.challenge).toMatchObject({
      phase: "struck_off",
      agDecision: "strike_off",
      response: "dispute",
    });
    expect(struck.declarationState).toBe("struck_off");
    expect(struck.barredUntil?.getTime()).toBeGreaterThan(now.getTime());
    const [appeal] = await test.db
      .select()
      .from(challengeAppeals)
      .where(eq(challengeAppeals.challengeId, struck.challenge.id));
    expect(appeal?.party).toBe("declarant");
    const scVotes = await test.db
      .select()
      .from(challengeVotes)
      .where(
        and(eq(challengeVotes.challengeId, struck.challenge.id), eq(challengeVotes.stage, "sc")),
      );
    expect(scVotes.length).toBeGreaterThan(0);

    const report = byProduct(null);
    expect(report.challenge).toMatchObject({
      kind: "misuse_report",
      phase: "escalated_ag",
      subjectName: "VoltNest Wi-Fi plugs",
    });
    expect(report.challenge.agDeadline?.getTime()).toBeGreaterThan(now.getTime());
    // Only the report is still undecided, and it names no listing.
    expect(rows.every((row) => row.openChallenges === null || row.openChallenges === 0)).toBe(true);
  });
});
