import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { requireParticipant } from "@/lib/community/authz";
import { appointMember } from "@/lib/community/mutations";
import { loadViewer } from "@/lib/community/viewer";
import { openCall, withdrawCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { appealDecision, castVote } from "@/lib/decisions/votes";
import { openThread } from "@/lib/discussion/mutations";
import { createClause, saveRevision } from "@/lib/drafting/mutations";
import { levels, modules, standards } from "@/lib/drafting/schema";
import { listAudit } from "@/lib/transparency/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";

let test: TestDatabase;
const t0 = new Date("2026-11-01T10:00:00Z");
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test?.close());

/** What a new entry's details may hold: ids, enums, numbers, times, subject keys; no words. */
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const enumValue = /^[a-z][a-z_]*$/;
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const callKey = /^[a-z0-9-]+\/\d+$/;
const idOrEnum = (value: unknown) =>
  value === null ||
  typeof value === "number" ||
  typeof value === "boolean" ||
  (typeof value === "string" &&
    [uuid, enumValue, isoTime, callKey].some((pattern) => pattern.test(value)));

describe("new audit entries for positions, threads, calls, votes, appeals and revisions", () => {
  it("hold ids and enums only, and the log shows the words from the rows they name", async () => {
    const secretary = await createSecretary(test.db);
    const memberPerson = await createPerson(test.db);
    await appointMember(test.db, secretary, {
      email: memberPerson.email,
      group: "advisory_group",
      role: "member",
      startsOn: "2026-01-01",
      endsOn: null,
    });
    const member = requireParticipant(await loadViewer(test.db, memberPerson.id, t0));
    const [proposer, supporter, objector, writer] = [
      await createPerson(test.db),
      await createPerson(test.db),
      await createPerson(test.db),
      await createPerson(test.db),
    ];
    const [standard] = await test.db
      .insert(standards)
      .values({ slug: "free-text", name: "Free text test standard" })
      .returning({ id: standards.id });
    const standardId = standard?.id ?? "";
    await test.db.insert(modules).values({ standardId, code: "SW", name: "Software", position: 0 });
    await test.db.insert(levels).values({ standardId, name: "Bronze", position: 0 });
    const { clauseId } = await createClause(test.db, writer, {
      standardSlug: "free-text",
      title: "Signed firmware",
      moduleCode: "SW",
      level: "Bronze",
      strength: "MUST",
    });
    await saveRevision(test.db, writer, clauseId, "WORDS-NOTE");
    await openThread(
      test.db,
      writer,
      clauseId,
      { kind: "question", title: "WORDS-THREAD-TITLE", quote: null, body: "Why?" },
      later(1),
    );
    const call = await openCall(
      test.db,
      proposer,
      standardId,
      {
        kind: "question",
        clauseRef: "",
        revision: null,
        title: "WORDS-CALL-TITLE",
        description: "WORDS-CALL-DESCRIPTION",
        organisations: "WORDS-ORGANISATION Ltd",
      },
      t0,
    );
    await takePosition(
      test.db,
      supporter,
      call.id,
      { stance: "support", reason: "WORDS-SUPPORT" },
      later(2),
    );
    await takePosition(
      test.db,
      objector,
      call.id,
      { stance: "object", reason: "WORDS-OBJECTION" },
      later(3),
    );
    await takePosition(test.db, objector, call.id, { stance: "abstain", reason: "" }, later(4));
    // Without quorum the call goes to the advisory group, whose only member decides it.
    await closeDue(test.db, addDays(t0, 15));
    await castVote(
      test.db,
      member,
      call.id,
      { stage: "ag", choice: "adopt", rationale: "WORDS-RATIONALE" },
      addDays(t0, 16),
    );
    await appealDecision(test.db, supporter, call.id, "WORDS-APPEAL", addDays(t0, 17));
    const withdrawn = await openCall(
      test.db,
      proposer,
      standardId,
      {
        kind: "question",
        clauseRef: "",
        revision: null,
        title: "Another question",
        description: "",
        organisations: "",
      },
      later(5),
    );
    await withdrawCall(test.db, proposer, withdrawn.id, "WORDS-WITHDRAWAL", later(6));

    const rows = await test.db.select().from(auditLog);
    const actions = new Set(rows.map((row) => row.action));
    for (const action of [
      "drafting.revision_saved",
      "discussion.thread_opened",
      "discussion.objection_raised",
      "decisions.call_opened",
      "decisions.position_taken",
      "decisions.vote_cast",
      "decisions.ag_decided",
      "decisions.appealed",
      "decisions.withdrawn",
    ]) {
      expect(actions).toContain(action);
    }
    // Memberships and clause structure are other records (dates, a clause's title).
    const inScope = rows.filter((row) =>
      /^(decisions|discussion)\.|^drafting\.revision_/.test(row.action),
    );
    for (const row of inScope) {
      for (const [key, value] of Object.entries(row.details)) {
        expect({ action: row.action, key, ok: idOrEnum(value) }).toEqual({
          action: row.action,
          key,
          ok: true,
        });
      }
    }
    expect(JSON.stringify(rows)).not.toContain("WORDS-");

    // The public log still tells the story, reading the words from the rows themselves.
    const shown = JSON.stringify((await listAudit(test.db, {}, 500)).rows);
    for (const words of [
      "WORDS-THREAD-TITLE",
      "WORDS-CALL-TITLE",
      "WORDS-SUPPORT",
      "WORDS-OBJECTION",
      "WORDS-RATIONALE",
      "WORDS-APPEAL",
      "WORDS-WITHDRAWAL",
    ]) {
      expect(shown).toContain(words);
    }
  });
});
