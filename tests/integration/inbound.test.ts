import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/community/viewer";
import { seedDemo } from "@/lib/demo/seed";
import { acceptInboundReply } from "@/lib/discussion/inbound";
import { openThread } from "@/lib/discussion/mutations";
import { listThreads } from "@/lib/discussion/queries";
import { createClause } from "@/lib/drafting/mutations";
import type { InboundEmail } from "@/lib/email/inbound";
import { mintReplyToken, replyAddressFor } from "@/lib/email/reply-address";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
let ann: Viewer & { email: string };
let bob: Viewer & { email: string };
let clauseId: string;
let threadId: string;
const secret = "inbound-secret";

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  ann = await createPerson(test.db, { name: "Ann" });
  bob = await createPerson(test.db, { name: "Bob" });
  ({ clauseId } = await createClause(test.db, ann, {
    standardSlug: "iotmark",
    title: "Repairs",
    moduleCode: "HW",
    level: "Silver",
    strength: "SHOULD",
  }));
  ({ threadId } = await openThread(test.db, ann, clauseId, {
    kind: "question",
    title: "Which parts?",
    quote: null,
    body: "Which parts count?",
  }));
});
afterAll(() => test?.close());

const email = (overrides: Partial<InboundEmail>): InboundEmail => ({
  from: bob.email,
  to: [replyAddressFor(mintReplyToken({ threadId, userId: bob.id }, secret), "reply.hum.test")],
  cc: [],
  subject: "Re: [HW-1] Which parts?",
  text: "Batteries and screens, at least.\n\nOn Tue, 24 Nov 2026 at 10:00, Hum <hum@localhost> wrote:\n> Which parts count?\n",
  ...overrides,
});

const repliesIn = async () =>
  (await listThreads(test.db, clauseId, null))
    .find((t) => t.id === threadId)
    ?.comments.map((c) => c.html) ?? [];

describe("a reply by email", () => {
  it("becomes a comment by its sender, without the quoted history", async () => {
    expect(await acceptInboundReply(test.db, email({}), secret)).toEqual({ ok: true, threadId });
    expect(await repliesIn()).toContain("<p>Batteries and screens, at least.</p>");
  });

  it.each([
    [
      "from someone else",
      (): Partial<InboundEmail> => ({ from: "mallory@example.org" }),
      /not the person/,
    ],
    [
      "to a forged address",
      (): Partial<InboundEmail> => ({ to: ["reply+garbage@reply.hum.test"] }),
      /no valid reply address/,
    ],
    [
      "with a token for another secret",
      (): Partial<InboundEmail> => ({
        to: [
          replyAddressFor(mintReplyToken({ threadId, userId: bob.id }, "other"), "reply.hum.test"),
        ],
      }),
      /no valid reply address/,
    ],
    [
      "with nothing but the quote",
      (): Partial<InboundEmail> => ({
        text: "On Tue, 24 Nov 2026 at 10:00, Hum <hum@localhost> wrote:\n> Which parts count?",
      }),
      /unusable reply/,
    ],
  ])("is refused when it comes %s", async (_label, overrides, reason) => {
    const before = (await repliesIn()).length;
    const outcome = await acceptInboundReply(test.db, email(overrides()), secret);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? "" : outcome.reason).toMatch(reason);
    expect(await repliesIn()).toHaveLength(before);
  });
});
