import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireGroupMember } from "@/lib/community/authz";
import { createDatabase } from "@/lib/db/client";
import { hidePositionReason } from "@/lib/decisions/moderation";
import { calls, positionReasons } from "@/lib/decisions/schema";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { DEMO_THREAD_ID } from "@/lib/demo/seed-discussion";
import { demoViewers } from "@/lib/demo/viewers";
import { deleteComment, hideComment } from "@/lib/discussion/mutations";
import { comments } from "@/lib/discussion/schema";
import { apiFor } from "@/tests/api-harness";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

/*
 * The API's discussion, calls, groups and log, on the demo community: what moderation hides
 * stays hidden, filters filter, and pages neither repeat nor skip.
 */

const NOW = new Date("2026-11-20T09:00:00Z");
const HIDDEN_WORDS = "the buyer sees the brand";
const DELETED_WORDS = "the clause could say it outright";

let test: TestDatabase;
let api: ReturnType<typeof apiFor>;
let hiddenCommentId: string;
let hiddenReasonWords: string;
let hiddenReasonCall: number;

type Page<T> = { data: T[]; next: string | null };

async function get<T>(path: string): Promise<{ status: number; body: T; text: string }> {
  const response = await api.request(path);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as T, text };
}

/** Every item of a paged list, following `next`, with each page checked against the document. */
async function all<T>(template: string, path: string): Promise<{ items: T[]; text: string }> {
  const items: T[] = [];
  let text = "";
  let next: string | null = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const page: { status: number; body: Page<T>; text: string } = await get<Page<T>>(
      next ? `${path}${separator}cursor=${encodeURIComponent(next)}` : path,
    );
    expect(page.status, page.text).toBe(200);
    expect(api.conforms(template, "GET", 200, page.body)).toBeNull();
    items.push(...page.body.data);
    text += page.text;
    next = page.body.next;
  } while (next);
  return { items, text };
}

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db, NOW, { releases: true });
  api = apiFor(test.db, () => NOW);
  const who = demoViewers(test.db, demoEmail, NOW);
  const rosa = await requireGroupMember(
    test.db,
    await who("rosa"),
    "advisory_group",
    "discussion.hide_comment",
  );
  const threadComments = await test.db
    .select()
    .from(comments)
    .where(eq(comments.threadId, DEMO_THREAD_ID));
  const hidden = threadComments.find((comment) => comment.body.includes(HIDDEN_WORDS));
  const deleted = threadComments.find((comment) => comment.body.includes(DELETED_WORDS));
  if (!hidden || !deleted) throw new Error("the demo thread has changed");
  hiddenCommentId = hidden.id;
  await hideComment(test.db, rosa, hidden.id, "Off topic", NOW);
  await deleteComment(test.db, await who("lena"), deleted.id, NOW);
  // A position's reason, hidden by the advisory group.
  const [reason] = await test.db
    .select({ id: positionReasons.id, body: positionReasons.body, number: calls.number })
    .from(positionReasons)
    .innerJoin(calls, eq(calls.id, positionReasons.callId))
    .where(and(isNull(positionReasons.hiddenAt)))
    .limit(1);
  if (!reason) throw new Error("the demo has no position reason");
  hiddenReasonWords = reason.body;
  hiddenReasonCall = reason.number;
  await hidePositionReason(test.db, rosa, reason.id, "Personal attack", NOW);
}, 240_000);
afterAll(() => test?.close());

describe("threads", () => {
  const template = "/standards/{slug}/threads/{thread}";

  it("shows a hidden comment without its words, and a deleted one likewise", async () => {
    const { status, body, text } = await get<{
      title: string;
      comments: Page<{
        id: string;
        hidden: boolean;
        hiddenReason: string | null;
        deleted: boolean;
        html: string | null;
      }>;
    }>(`/standards/iotmark/threads/${DEMO_THREAD_ID}`);
    expect(status, text).toBe(200);
    expect(api.conforms(template, "GET", 200, body)).toBeNull();
    expect(text).not.toContain(HIDDEN_WORDS);
    expect(text).not.toContain(DELETED_WORDS);
    expect(body.comments.data).toHaveLength(3);
    const hidden = body.comments.data.find((comment) => comment.id === hiddenCommentId);
    expect(hidden).toMatchObject({ hidden: true, html: null, hiddenReason: "Off topic" });
    expect(body.comments.data.filter((comment) => comment.deleted)).toHaveLength(1);
    expect(body.comments.data.filter((comment) => comment.html !== null)).toHaveLength(1);
  });

  it("pages a thread's comments in order without repeats", async () => {
    const items: { id: string; createdAt: string }[] = [];
    let next: string | null = null;
    do {
      const cursor: string = next ? `&cursor=${encodeURIComponent(next)}` : "";
      const { body } = await get<{ comments: Page<{ id: string; createdAt: string }> }>(
        `/standards/iotmark/threads/${DEMO_THREAD_ID}?limit=1${cursor}`,
      );
      expect(api.conforms(template, "GET", 200, body)).toBeNull();
      items.push(...body.comments.data);
      next = body.comments.next;
    } while (next);
    expect(items).toHaveLength(3);
    expect(new Set(items.map((item) => item.id)).size).toBe(3);
    const times = items.map((item) => item.createdAt);
    expect([...times].sort()).toEqual(times);
  });

  it("lists threads with the filters, paged without repeats", async () => {
    const everything = await all<{ id: string; kind: string; clause: string | null }>(
      "/standards/{slug}/threads",
      "/standards/iotmark/threads?limit=2",
    );
    expect(everything.items.length).toBeGreaterThan(2);
    expect(new Set(everything.items.map((item) => item.id)).size).toBe(everything.items.length);
    expect(everything.text).not.toContain(HIDDEN_WORDS);

    const onClause = await all<{ id: string; clause: string; commentCount: number }>(
      "/standards/{slug}/threads",
      "/standards/iotmark/threads?clause=ORG-1",
    );
    expect(onClause.items.map((item) => item.id)).toContain(DEMO_THREAD_ID);
    expect(onClause.items.every((item) => item.clause === "ORG-1")).toBe(true);
    expect(onClause.items.find((item) => item.id === DEMO_THREAD_ID)?.commentCount).toBe(3);

    const objections = await all<{ kind: string }>(
      "/standards/{slug}/threads",
      "/standards/iotmark/threads?kind=objection&status=open",
    );
    expect(objections.items.length).toBeGreaterThan(0);
    expect(objections.items.every((item) => item.kind === "objection")).toBe(true);
  });

  it("refuses unknown filters and answers 404 for an unknown thread or standard", async () => {
    const unknown = await get<{ errors: { name: string }[] }>("/standards/iotmark/threads?sort=x");
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]?.name).toBe("sort");
    expect((await get("/standards/iotmark/threads?kind=rant")).status).toBe(400);
    expect((await get("/standards/iotmark/threads?clause=org-1")).status).toBe(400);
    expect((await get("/standards/iotmark/threads?cursor=nonsense")).status).toBe(400);
    const missing = await get(`/standards/iotmark/threads/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(api.conforms(template, "GET", 404, missing.body)).toBeNull();
    expect((await get(`/standards/nowhere/threads/${DEMO_THREAD_ID}`)).status).toBe(404);
    expect((await get("/standards/iotmark/threads/not-a-uuid")).status).toBe(404);
  });
});

describe("calls", () => {
  it("lists calls newest first with filters, paged without repeats", async () => {
    const { items } = await all<{ number: number; phase: string; kind: string }>(
      "/standards/{slug}/calls",
      "/standards/iotmark/calls?limit=2",
    );
    expect(items.length).toBeGreaterThan(2);
    const numbers = items.map((item) => item.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(new Set(numbers).size).toBe(numbers.length);
    const open = await all<{ phase: string }>(
      "/standards/{slug}/calls",
      "/standards/iotmark/calls?phase=open",
    );
    expect(open.items.length).toBeGreaterThan(0);
    expect(open.items.every((item) => item.phase === "open")).toBe(true);
    const questions = await all<{ kind: string }>(
      "/standards/{slug}/calls",
      "/standards/iotmark/calls?kind=question",
    );
    expect(questions.items.every((item) => item.kind === "question")).toBe(true);
    expect((await get("/standards/iotmark/calls?phase=sleeping")).status).toBe(400);
  });

  it("answers every demo call as documented, without a hidden reason's words", async () => {
    const { items } = await all<{ number: number }>(
      "/standards/{slug}/calls",
      "/standards/iotmark/calls?limit=100",
    );
    for (const { number } of items) {
      const { status, body, text } = await get(`/standards/iotmark/calls/${number}`);
      expect(status, text).toBe(200);
      expect(api.conforms("/standards/{slug}/calls/{number}", "GET", 200, body)).toBeNull();
      expect(text).not.toContain(HIDDEN_WORDS);
      if (number === hiddenReasonCall) expect(text).not.toContain(hiddenReasonWords);
    }
  });

  it("shows positions, votes and the timeline of a call", async () => {
    const { body } = await get<{
      positions: { name: string; reason: string | null; reasonHidden: boolean }[];
      timeline: { action: string; actor: string | null }[];
    }>(`/standards/iotmark/calls/${hiddenReasonCall}`);
    expect(body.positions.some((position) => position.reasonHidden && !position.reason)).toBe(true);
    expect(body.timeline[0]?.action).toBe("decisions.call_opened");
    expect(body.timeline[0]?.actor).toBeTruthy();
  });

  it("answers 404 for an unknown call", async () => {
    expect((await get("/standards/iotmark/calls/999999")).status).toBe(404);
    expect((await get("/standards/iotmark/calls/first")).status).toBe(404);
  });
});

describe("groups", () => {
  it("lists both groups with their members, chairs first", async () => {
    const { status, body } = await get<{
      data: { group: string; members: { name: string; role: string }[] }[];
    }>("/groups");
    expect(status).toBe(200);
    expect(api.conforms("/groups", "GET", 200, body)).toBeNull();
    expect(body.data.map((group) => group.group)).toEqual(["advisory_group", "steering_committee"]);
    expect(body.data[0]?.members[0]).toMatchObject({ name: "Rosa Lindqvist", role: "chair" });
  });

  it("gives a group's terms and declaration history, and 404 for an unknown group", async () => {
    const { status, body } = await get<{
      declarations: { name: string; versions: unknown[] }[];
    }>("/groups/steering-committee");
    expect(status).toBe(200);
    expect(api.conforms("/groups/{group}", "GET", 200, body)).toBeNull();
    expect(body.declarations.every((member) => member.versions.length > 0)).toBe(true);
    expect((await get("/groups/secretariat")).status).toBe(404);
  });
});

describe("the transparency log", () => {
  it("pages the whole log newest first without repeats or hidden words", async () => {
    const { items, text } = await all<{ id: number }>("/log", "/log?limit=37");
    expect(items.length).toBeGreaterThan(100);
    const ids = items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(text).not.toContain(HIDDEN_WORDS);
    expect(text).not.toContain(DELETED_WORDS);
    expect(text).not.toContain(hiddenReasonWords);
    expect(text).not.toContain("@demo.hum.invalid");
  });

  it("filters by category, action and subject type as the transparency page does", async () => {
    const category = await all<{ action: string }>("/log", "/log?action=discussion.");
    expect(category.items.length).toBeGreaterThan(0);
    expect(category.items.every((item) => item.action.startsWith("discussion."))).toBe(true);
    const hidden = await all<{ subjectId: string; details: Record<string, unknown> }>(
      "/log",
      "/log?action=discussion.comment_hidden",
    );
    expect(hidden.items).toHaveLength(1);
    expect(hidden.items[0]).toMatchObject({
      subjectId: hiddenCommentId,
      details: { reason: "Off topic" },
    });
    const onCalls = await all<{ subjectType: string }>("/log", "/log?subjectType=call&limit=100");
    expect(onCalls.items.every((item) => item.subjectType === "call")).toBe(true);
    const bad = await get<{ errors: { name: string }[] }>("/log?action=Everything");
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]?.name).toBe("action");
    expect((await get("/log?before=12")).status).toBe(400);
  });

  it("sends as many queries for a page of 100 as for a page of 5", async () => {
    const queriesFor = async (path: string) => {
      const sent: string[] = [];
      const counted = createDatabase(test.url, { max: 2, onQuery: (query) => sent.push(query) });
      try {
        const response = await apiFor(counted.db, () => NOW).request(path);
        expect(response.status).toBe(200);
      } finally {
        await counted.pool.end();
      }
      return sent.length;
    };
    const small = await queriesFor("/log?limit=5");
    expect(small).toBe(1);
    expect(await queriesFor("/log?limit=100")).toBe(small);
  });
});
