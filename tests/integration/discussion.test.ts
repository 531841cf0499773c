import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Participant, requireGroupMember } from "@/lib/community/authz";
import { appointMember } from "@/lib/community/mutations";
import { loadViewer, type Viewer } from "@/lib/community/viewer";
import { createDatabase } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import {
  deleteComment,
  editComment,
  hideComment,
  openThread,
  reply,
  setThreadStatus,
  settleObjection,
} from "@/lib/discussion/mutations";
import { listObjections, listThreads } from "@/lib/discussion/queries";
import { comments } from "@/lib/discussion/schema";
import { createClause } from "@/lib/drafting/mutations";
import { getStandardAxes } from "@/lib/drafting/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson, createSecretary, signedIn } from "@/tests/people";

let test: TestDatabase;
let ann: Participant;
let bob: Participant;
let moderator: Participant;
let clauseId: string;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  ann = await createPerson(test.db, { name: "Ann" });
  bob = await createPerson(test.db, { name: "Bob" });
  const mod = await createPerson(test.db, { name: "Mo" });
  const secretary = await createSecretary(test.db, { name: "Sec" });
  await appointMember(test.db, secretary, {
    email: mod.email,
    group: "advisory_group",
    role: "member",
    startsOn: "2026-01-01",
    endsOn: null,
  });
  moderator = await signedIn((await loadViewer(test.db, mod.id)) ?? mod);
  ({ clauseId } = await createClause(test.db, ann, {
    standardSlug: "iotmark",
    title: "Update period",
    moduleCode: "SW",
    level: "Bronze",
    strength: "MUST",
  }));
});
afterAll(() => test?.close());

const thread = (kind: "comment" | "objection", title: string) =>
  openThread(test.db, ann, clauseId, {
    kind,
    title,
    quote: "five years",
    body: `About **${title}**`,
  });

describe("threads", () => {
  it("nest replies one level, keep edit histories and leave tombstones", async () => {
    const { threadId } = await thread("comment", "Wording");
    const [first] = (await listThreads(test.db, clauseId, null))
      .filter((t) => t.id === threadId)
      .flatMap((t) => t.comments);
    await reply(test.db, bob, { threadId, parentId: first?.id ?? null, body: "Agreed." });
    const [view] = (await listThreads(test.db, clauseId, null)).filter((t) => t.id === threadId);
    const bobsReply = view?.comments[0]?.replies[0];
    expect(bobsReply?.html).toBe("<p>Agreed.</p>");
    // A reply to a reply joins the same level.
    await reply(test.db, ann, { threadId, parentId: bobsReply?.id ?? null, body: "Thanks." });
    const [again] = (await listThreads(test.db, clauseId, null)).filter((t) => t.id === threadId);
    expect(again?.comments).toHaveLength(1);
    expect(again?.comments[0]?.replies.map((r) => r.author)).toEqual(["Bob", "Ann"]);

    await editComment(test.db, bob, bobsReply?.id ?? "", "Agreed, *with* a caveat.");
    expect(await outcomeOf(editComment(test.db, ann, bobsReply?.id ?? "", "forged"))).toBe(
      "forbidden",
    );
    await deleteComment(test.db, ann, first?.id ?? "");
    const [after] = (await listThreads(test.db, clauseId, null)).filter((t) => t.id === threadId);
    expect(after?.comments[0]).toMatchObject({ state: "deleted", html: null });
    expect(after?.comments[0]?.replies[0]).toMatchObject({
      html: "<p>Agreed, <em>with</em> a caveat.</p>",
    });
    expect(after?.comments[0]?.replies[0]?.edits.map((e) => e.html)).toEqual(["<p>Agreed.</p>"]);
    expect(
      await outcomeOf(reply(test.db, bob, { threadId, parentId: first?.id ?? null, body: "late" })),
    ).toBe("conflict");
  });

  it("hide abuse only by the advisory group, visible to the author and the group", async () => {
    const { threadId } = await thread("comment", "Rude");
    await reply(test.db, bob, { threadId, parentId: null, body: "Something rude." });
    const target = (await listThreads(test.db, clauseId, null)).find((t) => t.id === threadId)
      ?.comments[1];
    // As the server action does: mint the moderator's proof, then hide.
    const hide = (viewer: Participant, reason: string) =>
      requireGroupMember(test.db, viewer, "advisory_group", "discussion.hide_comment").then(
        (member) => hideComment(test.db, member, target?.id ?? "", reason),
      );
    expect(await outcomeOf(hide(ann, "spam"))).toBe("forbidden");
    await hide(moderator, "Personal attack");
    const seenBy = async (viewer: Viewer | null) =>
      (await listThreads(test.db, clauseId, viewer)).find((t) => t.id === threadId)?.comments[1];
    expect(await seenBy(null)).toMatchObject({
      state: "hidden",
      html: null,
      hiddenReason: "Personal attack",
    });
    expect((await seenBy(ann))?.html).toBeNull();
    expect((await seenBy(bob))?.html).toBe("<p>Something rude.</p>");
    expect((await seenBy(moderator))?.html).toBe("<p>Something rude.</p>");
  });

  it("keep an objection open until its author withdraws or sustains it, and list it in the register", async () => {
    const { threadId } = await thread("objection", "Too weak");
    await reply(test.db, bob, { threadId, parentId: null, body: "Five years is the market norm." });
    expect(
      await outcomeOf(
        setThreadStatus(test.db, bob, threadId, { status: "resolved", reason: "answered" }),
      ),
    ).toBe("invalid_input");
    expect(await outcomeOf(settleObjection(test.db, bob, threadId, "withdrawn"))).toBe("forbidden");
    await settleObjection(test.db, ann, threadId, "sustained");
    await setThreadStatus(test.db, bob, threadId, { status: "resolved", reason: "Goes to a call" });
    const standardId = (await getStandardAxes(test.db, "iotmark"))?.id ?? "";
    const register = await listObjections(test.db, standardId, {});
    expect(register.find((row) => row.threadId === threadId)).toMatchObject({
      state: "sustained",
      status: "resolved",
      answers: 1,
      response: "Five years is the market norm.",
      author: "Ann",
      moduleCode: "SW",
    });
    expect(await listObjections(test.db, standardId, { state: "withdrawn" })).toHaveLength(0);
    expect(await listObjections(test.db, standardId, { moduleCode: "HW" })).toHaveLength(0);
    await setThreadStatus(test.db, ann, threadId, { status: "open", reason: "New evidence" });
  });

  it("limit how fast one person posts", async () => {
    const eager = await createPerson(test.db, { name: "Eager" });
    const { threadId } = await openThread(test.db, eager, clauseId, {
      kind: "question",
      title: "Q",
      quote: null,
      body: "1",
    });
    const now = new Date();
    for (let i = 0; i < 9; i++)
      await reply(test.db, eager, { threadId, parentId: null, body: `${i}` }, now);
    expect(
      await outcomeOf(
        reply(test.db, eager, { threadId, parentId: null, body: "one too many" }, now),
      ),
    ).toBe("rate_limited");
  });
});

describe("a clause's discussion with 500 comments", () => {
  it("loads in a fixed number of queries, not one per thread or comment", async () => {
    const { clauseId: busy } = await createClause(test.db, ann, {
      standardSlug: "iotmark",
      title: "Busy clause",
      moduleCode: "DATA",
      level: "",
      strength: "MAY",
    });
    const opened = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        openThread(
          test.db,
          i % 2 ? ann : bob,
          busy,
          { kind: "comment", title: `T${i}`, quote: null, body: "x" },
          new Date(2026, 0, 1, 0, i),
        ),
      ),
    );
    await test.db.insert(comments).values(
      Array.from({ length: 480 }, (_, i) => ({
        threadId: opened[i % 20]?.threadId ?? "",
        authorId: i % 2 ? ann.id : bob.id,
        body: `reply ${i}`,
        bodyHtml: `<p>reply ${i}</p>`,
      })),
    );
    const queries: string[] = [];
    const counted = createDatabase(test.url, { max: 2, onQuery: (query) => queries.push(query) });
    const views = await listThreads(counted.db, busy, null);
    await counted.pool.end();
    expect(views).toHaveLength(20);
    expect(views.reduce((sum, view) => sum + view.comments.length, 0)).toBe(500);
    // Threads, comments, edits, and the authors' role badges (people and their terms).
    expect(queries.length).toBeLessThanOrEqual(5);
  });
});
