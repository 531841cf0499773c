import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "@/lib/auth/schema";
import { type Participant, requireParticipant } from "@/lib/community/authz";
import { updateProfile } from "@/lib/community/mutations";
import { loadViewer, type Viewer } from "@/lib/community/viewer";
import { getCallPage } from "@/lib/decisions/call-page";
import { openCall } from "@/lib/decisions/calls";
import { takePosition } from "@/lib/decisions/positions";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { openThread } from "@/lib/discussion/mutations";
import { listThreads } from "@/lib/discussion/queries";
import { createClause } from "@/lib/drafting/mutations";
import { standards } from "@/lib/drafting/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson } from "@/tests/people";

// The actions run for real against this file's database; only the request around them (who is
// signed in, Next.js's cache and the cookie that carries a notice to the next page) is supplied
// here, since there is no HTTP request.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/community/request-viewer", () => ({ getViewer: async () => session.viewer }));
vi.mock("@/lib/auth", () => ({ signOut: async () => undefined }));
vi.mock("next/cache", () => ({ refresh: () => undefined }));
vi.mock("next/headers", () => ({ cookies: async () => ({ set: () => undefined }) }));
// Outside a request, the page's language (which a reply records as its author's) is English.
vi.mock("next-intl/server", async (original) => ({
  ...(await original<typeof import("next-intl/server")>()),
  getLocale: async () => "en",
}));

const { replyAction, openThreadAction, editCommentAction } = await import(
  "@/app/standards/[slug]/draft/discussion-actions"
);
const { restoreRevisionAction, saveRevisionAction } = await import(
  "@/app/standards/[slug]/draft/actions"
);
const { openCallAction, takePositionAction } = await import("@/app/decisions/actions");
const { withdrawReleaseAction } = await import("@/app/standards/[slug]/releases/actions");
const { saveProfile } = await import("@/app/profile/actions");

let test: TestDatabase;
let ann: Participant;
let standardId: string;
let clauseId: string;
let threadId: string;
let commentId: string;
let callId: string;
let callNumber: number;

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const viewerOf = async (email: string) => {
  const [row] = await test.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  const viewer = row ? await loadViewer(test.db, row.id) : null;
  if (!viewer) throw new Error(`no person ${email}`);
  return requireParticipant(viewer);
};

beforeAll(async () => {
  test = await createTestDatabase();
  (globalThis as { humDatabase?: unknown }).humDatabase = { db: test.db };
  await seedDemo(test.db);
  ann = await createPerson(test.db, { name: "Ann" });
  session.viewer = ann;
  const [standard] = await test.db.select().from(standards).where(eq(standards.slug, "iotmark"));
  standardId = standard?.id ?? "";
  ({ clauseId } = await createClause(test.db, ann, {
    standardSlug: "iotmark",
    title: "Input checks",
    moduleCode: "SW",
    level: "Bronze",
    strength: "MUST",
  }));
  ({ threadId } = await openThread(test.db, ann, clauseId, {
    kind: "comment",
    title: "Wording",
    quote: null,
    body: "First.",
  }));
  const [thread] = await listThreads(test.db, clauseId, null);
  commentId = thread?.comments[0]?.id ?? "";
  ({ id: callId, number: callNumber } = await openCall(test.db, ann, standardId, {
    kind: "question",
    clauseRef: "",
    revision: null,
    title: "Keep the wording?",
    description: "",
    organisations: "",
  }));
});
afterAll(async () => {
  (globalThis as { humDatabase?: unknown }).humDatabase = undefined;
  await test?.close();
});

describe("actions refuse what the database or the parser cannot take, as field errors", () => {
  const NUL = "\u0000";
  it.each([
    [
      "a reply with a NUL byte",
      () => replyAction(null, form({ threadId, parentId: "", body: `a${NUL}b` })),
      "body",
      "plain_text_only",
    ],
    [
      "a reply of 9,999 quote markers",
      () => replyAction(null, form({ threadId, parentId: "", body: ">".repeat(9_999) })),
      "body",
      "too_deeply_nested",
    ],
    [
      "a reply of 5,000 nested list items",
      () => replyAction(null, form({ threadId, parentId: "", body: `${"- ".repeat(4_999)}x` })),
      "body",
      "too_deeply_nested",
    ],
    [
      "an edit with a NUL byte",
      () => editCommentAction(null, form({ commentId, body: `a${NUL}` })),
      "body",
      "plain_text_only",
    ],
    [
      "a thread whose quote has a NUL byte",
      () =>
        openThreadAction(
          null,
          form({ clauseId, kind: "comment", title: "Quote", quote: `x${NUL}`, body: "Hm." }),
        ),
      "quote",
      "plain_text_only",
    ],
    [
      "a position reason with a NUL byte",
      () => takePositionAction(null, form({ callId, stance: "object", reason: `no${NUL}` })),
      "reason",
      "plain_text_only",
    ],
    [
      "a call description with a NUL byte",
      () =>
        openCallAction(
          null,
          form({
            standardId,
            slug: "iotmark",
            kind: "question",
            title: "Q",
            description: `d${NUL}`,
          }),
        ),
      "description",
      "plain_text_only",
    ],
    [
      "a revision note with a NUL byte",
      () => saveRevisionAction(null, form({ clauseId, note: `n${NUL}` })),
      "note",
      "plain_text_only",
    ],
    [
      "a revision number beyond an integer column",
      () => restoreRevisionAction(null, form({ clauseId, number: "99999999999" })),
      "number",
      "too_large",
    ],
    [
      "a withdrawal reason with a NUL byte",
      () =>
        withdrawReleaseAction(null, form({ releaseId: crypto.randomUUID(), reason: `r${NUL}` })),
      "reason",
      "plain_text_only",
    ],
    [
      "a declaration with a NUL byte",
      () =>
        saveProfile(null, form({ name: "Ann", affiliation: "", conflictOfInterest: `c${NUL}` })),
      "conflictOfInterest",
      "plain_text_only",
    ],
  ])("%s", async (_label, run, field, message) => {
    expect(await run()).toEqual({
      ok: false,
      code: "invalid_input",
      fieldErrors: { [field]: message },
    });
  });

  it("still takes multi-line text as a browser sends it, and nesting within the limit", async () => {
    const result = await replyAction(
      null,
      form({ threadId, parentId: "", body: "Two lines:\r\n\r\n> > quoted\r\n\t- indented" }),
    );
    expect(result).toMatchObject({ ok: true, data: undefined });
    const [thread] = await listThreads(test.db, clauseId, null);
    const html = thread?.comments.at(-1)?.html ?? "";
    expect(html).toContain("<blockquote>");
  });
});

describe("display names", () => {
  it("refuses a name another member uses, whatever its case or width", async () => {
    for (const name of ["SAM OKAFOR", "\uff33am  okafor"]) {
      expect(
        await saveProfile(null, form({ name, affiliation: "", conflictOfInterest: "" })),
      ).toEqual({ ok: false, code: "invalid_input", fieldErrors: { name: "name_taken" } });
    }
    expect(
      await saveProfile(null, form({ name: "Ann Lee", affiliation: "", conflictOfInterest: "" })),
    ).toMatchObject({ ok: true, data: undefined });
  });

  it("lets only one of two people take the same new name at once", async () => {
    const one = await createPerson(test.db, { name: "One" });
    const two = await createPerson(test.db, { name: "Two" });
    const profile = { name: "Same Name", affiliation: "", conflictOfInterest: "" };
    const outcomes = await Promise.all([
      outcomeOf(updateProfile(test.db, one, profile)),
      outcomeOf(updateProfile(test.db, two, { ...profile, name: "same name" })),
    ]);
    expect(outcomes.sort()).toEqual(["invalid_input", "ok"]);
  });
});

describe("roles beside names come from the records", () => {
  it("marks comments and positions with the author's roles in force", async () => {
    const sam = await viewerOf(demoEmail("sam"));
    const rosa = await viewerOf(demoEmail("rosa"));
    await openThread(test.db, rosa, clauseId, {
      kind: "question",
      title: "Scope",
      quote: null,
      body: "Which devices?",
    });
    const threads = await listThreads(test.db, clauseId, null);
    const byRosa = threads.find((thread) => thread.title === "Scope");
    expect(byRosa?.authorBadges).toEqual(["ag_chair"]);
    expect(byRosa?.comments[0]?.authorBadges).toEqual(["ag_chair"]);
    expect(threads.find((thread) => thread.title === "Wording")?.authorBadges).toEqual([]);

    await takePosition(test.db, sam, callId, { stance: "support", reason: "" });
    await takePosition(test.db, rosa, callId, { stance: "no_objection", reason: "" });
    const page = await getCallPage(test.db, "iotmark", callNumber, null);
    const badgesOf = (userId: string) =>
      page?.positions.find((position) => position.userId === userId)?.badges;
    expect(badgesOf(sam.id)).toContain("secretariat");
    expect(badgesOf(rosa.id)).toContain("ag_chair");
    expect(badgesOf(sam.id)).not.toContain("ag_chair");
  });
});

describe("addresses that cannot name anything get 400 or 404, never a server error", () => {
  const context = <T>(params: T) => ({ params: Promise.resolve(params) });
  const request = (path: string) => new Request(`http://localhost${path}`);

  it("answers a NUL byte in a slug or version before any query", async () => {
    const feed = await import("@/app/standards/[slug]/feed.xml/route");
    const draft = await import("@/app/standards/[slug]/draft.md/route");
    const exports = await import("@/app/standards/[slug]/exports/[version]/[format]/route");
    const responses = await Promise.all([
      feed.GET(request("/standards/%00/feed.xml"), context({ slug: "\u0000" })),
      draft.GET(request("/standards/%00/draft.md"), context({ slug: "\u0000" })),
      exports.GET(
        request("/standards/%00/v/1.0.0.json"),
        context({ slug: "\u0000", version: "1.0.0", format: "json" }),
      ),
      exports.GET(
        request("/standards/iotmark/exports/%00/json"),
        context({ slug: "iotmark", version: "\u0000", format: "json" }),
      ),
    ]);
    expect(responses.map((response) => response.status)).toEqual([404, 404, 404, 404]);
    // Well-formed addresses still reach the data.
    const good = await draft.GET(
      request("/standards/iotmark/draft.md"),
      context({ slug: "iotmark" }),
    );
    expect(good.status).toBe(200);
    expect((await feed.GET(request("/x"), context({ slug: "iotmark" }))).status).toBe(200);
  });

  it("answers a comparison range with a malformed escape as a bad comparison", async () => {
    const compare = await import("@/app/standards/[slug]/compare/[range]/route");
    const response = await compare.GET(
      request("/standards/x/compare/%25"),
      context({ slug: "x", range: "%" }),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("is not a comparison range");
  });
});
