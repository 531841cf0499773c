import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { type Participant, requireParticipant, type Secretariat } from "@/lib/community/authz";
import { listDeclarationHistory } from "@/lib/community/declarations";
import { appointMember, updateProfile } from "@/lib/community/mutations";
import { loadViewer } from "@/lib/community/viewer";
import { getCallPage } from "@/lib/decisions/call-page";
import { openCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { addDays } from "@/lib/decisions/rules";
import { castVote } from "@/lib/decisions/votes";
import { standards } from "@/lib/drafting/schema";
import { createTestDatabase, databaseErrorOf, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson, createSecretary } from "@/tests/people";

let test: TestDatabase;
const t0 = new Date("2026-11-01T10:00:00Z");
const closed = addDays(t0, 14);
const hours = (n: number) => new Date(closed.getTime() + n * 3_600_000);

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test?.close());

async function agMember(secretary: Secretariat): Promise<Participant> {
  const person = await createPerson(test.db);
  await appointMember(test.db, secretary, {
    email: person.email,
    group: "advisory_group",
    role: "member",
    startsOn: "2026-01-01",
    endsOn: null,
  });
  const viewer = await loadViewer(test.db, person.id, t0);
  if (!viewer) throw new Error("viewer missing");
  return requireParticipant(viewer);
}

const profile = (viewer: Participant, conflictOfInterest: string, at: Date) =>
  updateProfile(test.db, viewer, { name: viewer.name, affiliation: "", conflictOfInterest }, at);

describe("conflict-of-interest declarations", () => {
  it("keep every version, and each vote names the one in force when it was cast", async () => {
    const secretary = await createSecretary(test.db);
    const [editor, recusing, other] = [
      await agMember(secretary),
      await agMember(secretary),
      await agMember(secretary),
    ] as [Participant, Participant, Participant];
    await profile(editor, "Paid audits for Lockwise in 2025.", addDays(t0, -30));
    await profile(recusing, "Employed by Lockwise.", addDays(t0, -30));
    const [standard] = await test.db
      .insert(standards)
      .values({ slug: "coi", name: "COI test standard" })
      .returning({ id: standards.id });
    const { number } = await openCall(
      test.db,
      other,
      standard?.id ?? "",
      {
        kind: "question",
        clauseRef: "",
        revision: null,
        title: "Admit Lockwise's lock profile",
        description: "",
        organisations: "Lockwise",
      },
      t0,
    );
    await closeDue(test.db, closed);
    const callId = (await getCallPage(test.db, "coi", number, null))?.call.id ?? "";
    const vote = (who: Participant, choice: "adopt" | "recuse", at: Date) =>
      castVote(test.db, who, callId, { stage: "ag", choice, rationale: `${choice}.` }, at);

    // The declaration forces a recusal; edited away, the vote goes through; then it is restored.
    expect(await outcomeOf(vote(editor, "adopt", hours(1)))).toBe("must_recuse");
    await profile(editor, "None.", hours(2));
    await vote(editor, "adopt", hours(3));
    await profile(editor, "Paid audits for Lockwise in 2025.", hours(4));
    await vote(recusing, "recuse", hours(5));

    const history = (await listDeclarationHistory(test.db, [editor.id])).get(editor.id) ?? [];
    expect(history.map((version) => [version.text, version.declaredAt])).toEqual([
      ["Paid audits for Lockwise in 2025.", addDays(t0, -30)],
      ["None.", hours(2)],
      ["Paid audits for Lockwise in 2025.", hours(4)],
    ]);

    const page = await getCallPage(test.db, "coi", number, null);
    const byVoter = new Map(page?.votes.map((cast) => [cast.userId, cast]));
    expect(byVoter.get(editor.id)?.declaration).toMatchObject({
      id: history[1]?.id,
      text: "None.",
      declaredAt: hours(2),
    });
    expect(byVoter.get(recusing.id)).toMatchObject({
      choice: "recuse",
      declaration: { text: "Employed by Lockwise." },
    });

    // The record names versions, never a bare "changed".
    const edits = await test.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "community.profile_updated"), eq(auditLog.actorId, editor.id)))
      .orderBy(auditLog.id);
    expect(edits.map((row) => row.details.declaration)).toEqual(history.map((v) => v.id));
    expect(edits.every((row) => !("conflictOfInterestChanged" in row.details))).toBe(true);
    const [cast] = await test.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "decisions.vote_cast"), eq(auditLog.actorId, editor.id)));
    expect(cast?.details.declaration).toBe(history[1]?.id);

    // A version is never rewritten.
    expect(
      await databaseErrorOf(
        test.db.execute(
          `update conflict_declaration set text = 'x' where id = '${history[0]?.id}'`,
        ),
      ),
    ).toMatch(/append-only/);
  });
});
