import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/mutations";
import { requireGroupMember } from "@/lib/community/authz";
import { appointMember } from "@/lib/community/mutations";
import { loadViewer } from "@/lib/community/viewer";
import { getCallPage } from "@/lib/decisions/call-page";
import { openCall } from "@/lib/decisions/calls";
import { takePosition } from "@/lib/decisions/positions";
import { positions } from "@/lib/decisions/schema";
import { hideComment, reply } from "@/lib/discussion/mutations";
import { comments, threads } from "@/lib/discussion/schema";
import { standards } from "@/lib/drafting/schema";
import type { EmailMessage } from "@/lib/email/sender";
import { deliverImmediate } from "@/lib/notifications/delivery";
import { setWatch } from "@/lib/notifications/mutations";
import { listInbox } from "@/lib/notifications/queries";
import { notifications } from "@/lib/notifications/schema";
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

const ABUSE = "Everyone on the AG is a crook, says ABUSIVE-WORDS-1.";
const REPLY = "And here is more of it: ABUSIVE-WORDS-2.";
const FINE = "The lock profile is too strict for small makers.";

/** Every public place a comment's words could reach, as one string to search. */
async function publicText(slug: string, number: number, watcherId: string) {
  const sent: EmailMessage[] = [];
  await deliverImmediate({
    db: test.db,
    sender: { send: async (message) => void sent.push(message) },
    secret: "test-secret",
    publicUrl: "http://localhost:3000",
    now: later(60),
  });
  const [page, timeline, audit, inbox] = await Promise.all([
    getCallPage(test.db, slug, number, null),
    callTimeline(test.db, slug, number),
    listAudit(test.db, {}, 500),
    listInbox(test.db, watcherId, "en"),
  ]);
  return JSON.stringify({
    positions: page?.positions,
    timeline,
    audit: audit.rows,
    inbox,
    sent,
  });
}

describe("a comment the advisory group hides", () => {
  it("disappears from the call page, the public log, inboxes and emails not yet sent", async () => {
    const secretary = await createSecretary(test.db);
    const moderatorPerson = await createPerson(test.db);
    await appointMember(test.db, secretary, {
      email: moderatorPerson.email,
      group: "advisory_group",
      role: "member",
      startsOn: "2026-01-01",
      endsOn: null,
    });
    const moderator = await requireGroupMember(
      test.db,
      await loadViewer(test.db, moderatorPerson.id, t0),
      "advisory_group",
      "discussion.hide_comment",
    );
    const [objector, fair, proposer, watcher] = [
      await createPerson(test.db),
      await createPerson(test.db),
      await createPerson(test.db),
      await createPerson(test.db),
    ];
    const [standard] = await test.db
      .insert(standards)
      .values({ slug: "moderation", name: "Moderation test standard" })
      .returning({ id: standards.id });
    const standardId = standard?.id ?? "";
    await setWatch(test.db, watcher, "standard", standardId, true);
    const { id: callId, number } = await openCall(
      test.db,
      proposer,
      standardId,
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
    await takePosition(test.db, objector, callId, { stance: "object", reason: ABUSE }, later(1));
    await takePosition(test.db, fair, callId, { stance: "object", reason: FINE }, later(2));
    const [thread] = await test.db
      .select()
      .from(threads)
      .where(and(eq(threads.callId, callId), eq(threads.createdBy, objector.id)));
    await reply(
      test.db,
      objector,
      { threadId: thread?.id ?? "", parentId: null, body: REPLY },
      later(3),
    );
    // Before moderation the words are public, as they should be.
    const before = await getCallPage(test.db, "moderation", number, null);
    expect(JSON.stringify(before?.positions)).toContain("ABUSIVE-WORDS-1");
    expect(JSON.stringify(await listInbox(test.db, watcher.id, "en"))).toContain("ABUSIVE-WORDS-2");

    const mine = await test.db
      .select()
      .from(comments)
      .where(eq(comments.authorId, objector.id))
      .orderBy(asc(comments.createdAt));
    for (const comment of mine) {
      await hideComment(test.db, moderator, comment.id, "Personal attack.", later(10));
    }

    // Records written before they named their comment: an old audit entry copying the reason, a
    // position without its comment id, a notification carrying the words itself.
    await recordAudit(test.db, {
      at: later(1),
      actorId: objector.id,
      action: "decisions.position_taken",
      subjectType: "call",
      subjectId: `moderation/${number}`,
      details: { stance: "object", reason: ABUSE },
    });
    await test.db.update(positions).set({ commentId: null }).where(eq(positions.userId, fair.id));
    const [fairComment] = await test.db
      .select()
      .from(comments)
      .where(eq(comments.authorId, fair.id));
    await hideComment(test.db, moderator, fairComment?.id ?? "", "Off topic.", later(11));
    await test.db.insert(notifications).values({
      userId: watcher.id,
      threadId: thread?.id ?? null,
      kind: "reply",
      actorId: objector.id,
      subject: "Call · old",
      path: "/",
      excerpt: REPLY,
      createdAt: mine[1]?.createdAt ?? later(3),
    });

    const shown = await publicText("moderation", number, watcher.id);
    expect(shown).not.toContain("ABUSIVE-WORDS");
    expect(shown).not.toContain(FINE);
    // The positions themselves, the moderator's reasons and the rest of the record stay.
    const after = await getCallPage(test.db, "moderation", number, null);
    expect(after?.positions.map((p) => [p.stance, p.reasonHidden])).toEqual([
      ["object", true],
      ["object", true],
    ]);
    expect(shown).toContain("Personal attack.");
    // Moderators (and the author) can still read what was hidden, as in the thread itself.
    const forModerator = await getCallPage(test.db, "moderation", number, moderator);
    expect(JSON.stringify(forModerator?.positions)).toContain("ABUSIVE-WORDS-1");
  });
});
