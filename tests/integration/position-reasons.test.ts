import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/mutations";
import { requireGroupMember } from "@/lib/community/authz";
import { appointMember } from "@/lib/community/mutations";
import { loadViewer, type Viewer } from "@/lib/community/viewer";
import { getCallPage } from "@/lib/decisions/call-page";
import { openCall } from "@/lib/decisions/calls";
import { hidePositionReason } from "@/lib/decisions/moderation";
import { takePosition } from "@/lib/decisions/positions";
import { standards } from "@/lib/drafting/schema";
import { callTimeline, listAudit } from "@/lib/transparency/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";

let test: TestDatabase;
const t0 = new Date("2026-11-01T10:00:00Z");
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test?.close());

/** Each test's call has its own slug, and its abusive reason names it. */
const abuse = (slug: string) => `The proposer is a fraud, says ABUSIVE-${slug}.`;

/** As the call page's action does it: the advisory group's check, then the hiding. */
async function hideAs(viewer: Viewer | null, reasonId: string, reason: string, at: Date) {
  const moderator = await requireGroupMember(
    test.db,
    viewer,
    "advisory_group",
    "decisions.hide_position_reason",
  );
  await hidePositionReason(test.db, moderator, reasonId, reason, at);
}

async function setting() {
  const secretary = await createSecretary(test.db);
  const moderatorPerson = await createPerson(test.db);
  await appointMember(test.db, secretary, {
    email: moderatorPerson.email,
    group: "advisory_group",
    role: "member",
    startsOn: "2026-01-01",
    endsOn: null,
  });
  const moderator = (await loadViewer(test.db, moderatorPerson.id, t0)) as Viewer;
  const [proposer, supporter, outsider] = [
    await createPerson(test.db),
    await createPerson(test.db),
    await createPerson(test.db),
  ];
  const slug = `reasons-${Math.random().toString(36).slice(2, 8)}`;
  const [standard] = await test.db
    .insert(standards)
    .values({ slug, name: "Position reasons test standard" })
    .returning({ id: standards.id });
  const { id: callId, number } = await openCall(
    test.db,
    proposer,
    standard?.id ?? "",
    {
      kind: "question",
      clauseRef: "",
      revision: null,
      title: "Admit the lock profile",
      description: "",
      organisations: "",
    },
    t0,
  );
  const ABUSE = abuse(slug);
  await takePosition(test.db, supporter, callId, { stance: "support", reason: ABUSE }, later(1));
  const page = await getCallPage(test.db, slug, number, null);
  const reasonId = page?.positions[0]?.reasonId ?? "";
  return { moderator, supporter, outsider, slug, number, reasonId, ABUSE };
}

/** The call page and the public log, as the public sees them. */
async function publicText(slug: string, number: number) {
  const [page, timeline, audit] = await Promise.all([
    getCallPage(test.db, slug, number, null),
    callTimeline(test.db, slug, number),
    listAudit(test.db, {}, 500),
  ]);
  return JSON.stringify({
    positions: page?.positions,
    timeline,
    audit: audit.rows,
  });
}

describe("a support reason the advisory group hides", () => {
  it("disappears from the call page and from the public log", async () => {
    const { moderator, supporter, slug, number, reasonId, ABUSE } = await setting();
    expect(reasonId).not.toBe("");
    expect(await publicText(slug, number)).toContain(`ABUSIVE-${slug}`);
    // An entry written before entries named the reason, copying its words.
    await recordAudit(test.db, {
      at: later(1),
      actorId: supporter.id,
      action: "decisions.position_taken",
      subjectType: "call",
      subjectId: `${slug}/${number}`,
      details: { stance: "support", reason: ABUSE },
    });

    await hideAs(moderator, reasonId, "Personal attack.", later(10));

    const shown = await publicText(slug, number);
    expect(shown).not.toContain(`ABUSIVE-${slug}`);
    expect(shown).toContain("Personal attack.");
    const after = await getCallPage(test.db, slug, number, null);
    expect(after?.positions.map((p) => [p.stance, p.reason, p.reasonHidden])).toEqual([
      ["support", "", true],
    ]);
    // Its author and the advisory group still read it, as with a hidden comment.
    for (const viewer of [moderator, supporter]) {
      const page = await getCallPage(test.db, slug, number, viewer);
      expect(page?.positions[0]?.reason).toBe(ABUSE);
    }
  });

  it("cannot be hidden by someone outside the advisory group", async () => {
    const { outsider, slug, number, reasonId, ABUSE } = await setting();
    await expect(hideAs(outsider, reasonId, "I dislike it.", later(10))).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(hideAs(null, reasonId, "I dislike it.", later(10))).rejects.toMatchObject({
      code: "unauthenticated",
    });
    const page = await getCallPage(test.db, slug, number, null);
    expect(page?.positions[0]).toMatchObject({ reason: ABUSE, reasonHidden: false });
  });

  it("stays hidden when its author takes a new stand without a reason", async () => {
    const { moderator, supporter, slug, number, reasonId } = await setting();
    await hideAs(moderator, reasonId, "Personal attack.", later(10));
    const page = await getCallPage(test.db, slug, number, null);
    await takePosition(
      test.db,
      supporter,
      page?.call.id ?? "",
      { stance: "no_objection", reason: "" },
      later(11),
    );
    expect(await publicText(slug, number)).not.toContain(`ABUSIVE-${slug}`);
  });
});
