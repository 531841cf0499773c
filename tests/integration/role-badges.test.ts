import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/lib/auth/schema";
import { type Participant, requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import { getCallPage } from "@/lib/decisions/call-page";
import { openCall } from "@/lib/decisions/calls";
import { takePosition } from "@/lib/decisions/positions";
import {
  decisionTrail,
  listCalls,
  listEscalated,
  objectionsOf,
  waitingFor,
} from "@/lib/decisions/queries";
import { appeals, calls } from "@/lib/decisions/schema";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { openThread, reply, setThreadStatus } from "@/lib/discussion/mutations";
import { listObjections, listThreads } from "@/lib/discussion/queries";
import { createClause, saveRevision } from "@/lib/drafting/mutations";
import { listRevisions } from "@/lib/drafting/queries";
import { clauseEdits, standards } from "@/lib/drafting/schema";
import { listInbox } from "@/lib/notifications/queries";
import { notifications } from "@/lib/notifications/schema";
import { callTimeline } from "@/lib/transparency/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

// Every list that names a person in discussions and calls carries that person's roles, read from
// the secretariat flag and the memberships in force. A name or affiliation that claims a role
// (refused today, but older rows may hold one) earns nothing.

let test: TestDatabase;
let sam: Participant; // the secretariat
let rosa: Participant; // chairs the advisory group
let pat: Participant; // a participant whose name and affiliation claim roles
let standardId: string;
let clauseId: string;
let trailCalls: Record<string, string>;
let samCall: { id: string; number: number };
let patCall: { id: string; number: number };

const viewerOf = async (email: string) => {
  const [row] = await test.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const viewer = row ? await loadViewer(test.db, row.id) : null;
  if (!viewer) throw new Error(`no person ${email}`);
  return requireParticipant(viewer);
};

/** What each person shows beside their name: the secretariat, the AG chair, and nothing. */
const expected = () => ({
  [sam.id]: ["secretariat"],
  [rosa.id]: ["ag_chair"],
  [pat.id]: [],
});

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  sam = await viewerOf(demoEmail("sam"));
  rosa = await viewerOf(demoEmail("rosa"));
  // Written straight to the table, as an account from before names were checked would be.
  await test.db.insert(users).values({
    name: "Pat (Hum secretariat, advisory group chair)",
    affiliation: "Hum secretariat · Steering committee",
    email: "pat@example.org",
  });
  pat = await viewerOf("pat@example.org");
  const [standard] = await test.db.select().from(standards).where(eq(standards.slug, "iotmark"));
  standardId = standard?.id ?? "";

  const created = await createClause(test.db, pat, {
    standardSlug: "iotmark",
    title: "Badge checks",
    moduleCode: "SW",
    level: "Bronze",
    strength: "MUST",
  });
  clauseId = created.clauseId;
  const now = new Date();
  await test.db
    .insert(clauseEdits)
    .values([sam, rosa, pat].map((person) => ({ clauseId, userId: person.id, lastEditAt: now })));
  const revision = await saveRevision(test.db, pat, clauseId, "Three hands");

  const { threadId } = await openThread(test.db, pat, clauseId, {
    kind: "question",
    title: "Who decides?",
    quote: null,
    body: "Asking as the secretariat.",
  });
  const [first] = (await listThreads(test.db, clauseId, null)).find(
    (thread) => thread.id === threadId,
  )?.comments ?? [undefined];
  await reply(test.db, sam, { threadId, parentId: first?.id ?? null, body: "The group does." });
  await reply(test.db, pat, { threadId, parentId: first?.id ?? null, body: "Thanks." });
  await setThreadStatus(test.db, rosa, threadId, { status: "resolved", reason: "Answered" });
  await openThread(test.db, pat, clauseId, {
    kind: "objection",
    title: "Pat objects",
    quote: null,
    body: "Too strict.",
  });
  await openThread(test.db, sam, clauseId, {
    kind: "objection",
    title: "Sam objects",
    quote: null,
    body: "Too loose.",
  });

  const question = { kind: "question" as const, clauseRef: "", revision: null, description: "" };
  samCall = await openCall(test.db, sam, standardId, {
    ...question,
    title: "Sam asks",
    organisations: "",
  });
  patCall = await openCall(test.db, pat, standardId, {
    ...question,
    title: "Pat asks",
    organisations: "",
  });
  const onClause = { kind: "clause_revision" as const, clauseRef: created.ref, revision };
  trailCalls = {};
  for (const person of [sam, pat]) {
    const adoption = await openCall(test.db, person, standardId, {
      ...onClause,
      title: `Adopt, says ${person.name}`,
      description: "",
      organisations: "",
    });
    trailCalls[adoption.id] = person.id;
  }
  await takePosition(test.db, pat, samCall.id, { stance: "object", reason: "No." });
  await takePosition(test.db, rosa, samCall.id, { stance: "object", reason: "Not yet." });
  await takePosition(test.db, rosa, patCall.id, { stance: "support", reason: "" });
  await test.db
    .update(calls)
    .set({ phase: "escalated_ag", closedAt: now, agDeadline: now })
    .where(inArray(calls.id, [samCall.id, patCall.id]));
  await test.db.insert(appeals).values([
    { callId: samCall.id, appellantId: rosa.id, reason: "Wrong.", filedAt: now },
    { callId: patCall.id, appellantId: pat.id, reason: "Unfair.", filedAt: now },
  ]);

  const notice = { userId: rosa.id, kind: "reply", subject: "SW · Badge checks", excerpt: "" };
  await test.db.insert(notifications).values([
    { ...notice, path: "/a", actorId: sam.id },
    { ...notice, path: "/b", actorId: pat.id },
  ]);
});
afterAll(async () => {
  await test?.close();
});

describe("roles beside names come from the records", () => {
  it("on threads: their author, every comment and reply, and who resolved them", async () => {
    const roles = expected();
    const threads = await listThreads(test.db, clauseId, null);
    const question = threads.find((thread) => thread.title === "Who decides?");
    expect(question?.authorBadges).toEqual([]);
    expect(question?.resolverBadges).toEqual(roles[rosa.id]);
    const [first] = question?.comments ?? [];
    expect(first?.authorBadges).toEqual([]);
    expect(first?.replies.map((child) => [child.authorId, child.authorBadges])).toEqual([
      [sam.id, roles[sam.id]],
      [pat.id, []],
    ]);
    expect(threads.find((thread) => thread.title === "Sam objects")?.authorBadges).toEqual(
      roles[sam.id],
    );
  });

  it("in the objections register and the queues' objection lines", async () => {
    const register = await listObjections(test.db, standardId, {});
    expect(register.find((row) => row.title === "Pat objects")?.authorBadges).toEqual([]);
    expect(register.find((row) => row.title === "Sam objects")?.authorBadges).toEqual([
      "secretariat",
    ]);
    const byCall = await objectionsOf(test.db, [samCall.id]);
    const lines = byCall.get(samCall.id) ?? [];
    expect(lines.map((line) => line.authorBadges).sort()).toEqual([[], ["ag_chair"]]);
  });

  it("for a call's proposer and appellant, on its page and in every list of calls", async () => {
    const samPage = await getCallPage(test.db, "iotmark", samCall.number, null);
    const patPage = await getCallPage(test.db, "iotmark", patCall.number, null);
    expect(samPage?.call.proposerBadges).toEqual(["secretariat"]);
    expect(samPage?.appeal?.badges).toEqual(["ag_chair"]);
    expect(patPage?.call.proposerBadges).toEqual([]);
    expect(patPage?.appeal?.badges).toEqual([]);
    const samTimeline = await callTimeline(test.db, "iotmark", samCall.number);
    const actors = samTimeline.map((entry) => [entry.actorId, entry.actorBadges]);
    expect(actors).toContainEqual([sam.id, ["secretariat"]]);
    expect(actors).toContainEqual([pat.id, []]);

    const lists = [
      await listCalls(test.db, standardId),
      await listEscalated(test.db),
      await waitingFor(test.db, rosa),
    ];
    for (const list of lists) {
      expect(list.find((call) => call.id === samCall.id)?.proposerBadges).toEqual(["secretariat"]);
      expect(list.find((call) => call.id === patCall.id)?.proposerBadges).toEqual([]);
    }
  });

  it("for a clause's decision trail and the authors of its revisions", async () => {
    const trail = await decisionTrail(test.db, clauseId);
    const roles = expected();
    expect(
      Object.fromEntries(trail.calls.map((call) => [trailCalls[call.id], call.proposerBadges])),
    ).toEqual({ [sam.id]: roles[sam.id], [pat.id]: [] });
    const latest = (await listRevisions(test.db, clauseId)).find(
      (revision) => revision.note === "Three hands",
    );
    expect(
      Object.fromEntries(latest?.authorPeople.map((person) => [person.id, person.badges]) ?? []),
    ).toEqual(roles);
  });

  it("for whoever acted in an inbox line", async () => {
    const inbox = await listInbox(test.db, rosa.id, "en");
    expect(inbox.find((item) => item.path === "/a")?.actorBadges).toEqual(["secretariat"]);
    expect(inbox.find((item) => item.path === "/b")?.actorBadges).toEqual([]);
  });
});
