import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken, revokeToken } from "@/lib/api/tokens";
import type { Participant } from "@/lib/community/authz";
import { updateProfile } from "@/lib/community/mutations";
import { openCall, withdrawCall } from "@/lib/decisions/calls";
import { takePosition } from "@/lib/decisions/positions";
import { calls } from "@/lib/decisions/schema";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { editComment, openThread, reply } from "@/lib/discussion/mutations";
import { comments } from "@/lib/discussion/schema";
import { markdownToRichText } from "@/lib/drafting/markdown/text";
import { createClause, saveRevision } from "@/lib/drafting/mutations";
import { standards } from "@/lib/drafting/schema";
import { storeSectionText } from "@/lib/drafting/section-working-text";
import { createSection, saveSectionRevision } from "@/lib/drafting/sections";
import { storeClauseText } from "@/lib/drafting/working-text";
import { type Announcement, parseAnnouncement } from "@/lib/freshness/changes";
import { changeChannel, lastAnnounced } from "@/lib/freshness/feed";
import { tagsOfAnnouncements } from "@/lib/freshness/places";
import {
  callsTag,
  callTag,
  clauseTag,
  draftTag,
  everything,
  logTag,
  registryTag,
  sectionTag,
  standardTag,
  tokensTag,
} from "@/lib/http/front-tags";
import { registerOrganisation } from "@/lib/registry/organisations";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

/*
 * Real mutations, announced by the database's own trigger on its change channel, and the tags
 * the change feed reads from those announcements: each change touches the pages of what it
 * changed, and not the pages of its neighbours.
 */

let test: TestDatabase;
const heard: Announcement[] = [];
const people: Record<string, Participant> = {};
let standardId: string;
const clauseA = { id: "", ref: "" };
const clauseB = { id: "", ref: "" };
let section = { sectionId: "", slug: "" };

const p = (key: string): Participant => {
  const person = people[key];
  if (!person) throw new Error(key);
  return person;
};

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  await test.listen(changeChannel, (payload) => {
    const announcement = parseAnnouncement(payload);
    if (announcement) heard.push(announcement);
  });
  const demo = demoViewers(test.db, demoEmail, new Date());
  for (const key of ["noor", "kofi", "lena"]) people[key] = await demo(key);
  const [standard] = await test.db.select().from(standards).where(eq(standards.slug, "iotmark"));
  standardId = standard?.id ?? "";
  const clause = (title: string) =>
    createClause(test.db, p("noor"), {
      standardSlug: "iotmark",
      title,
      moduleCode: "SW",
      level: "Bronze",
      strength: "MUST",
    });
  ({ clauseId: clauseA.id, ref: clauseA.ref } = await clause("Signed updates"));
  ({ clauseId: clauseB.id, ref: clauseB.ref } = await clause("Update period"));
  section = await createSection(test.db, p("noor"), {
    standardSlug: "iotmark",
    kind: "other",
    title: "Change feed notes",
  });
});
afterAll(() => test?.close());

/** Waits for a condition the database brings about, failing with `what` if it never does. */
async function until(what: string, condition: () => boolean, timeoutMs = 15_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * What `work` announced, once every number it drew from the sequence has been heard, and the
 * tags the change feed reads from it.
 */
async function changesOf(work: () => Promise<unknown>) {
  const before = await lastAnnounced(test.db);
  await work();
  const last = await lastAnnounced(test.db);
  await until(`announcement ${last} heard`, () => heard.some((a) => a.sequence >= last));
  const announcements = heard.filter((a) => a.sequence > before && a.sequence <= last);
  // Nothing here rolls back: every number drawn is a change committed and announced.
  expect(announcements.map((a) => a.sequence).sort((x, y) => x - y)).toEqual(
    Array.from({ length: last - before }, (_, i) => before + 1 + i),
  );
  return {
    kinds: announcements.map((a) => a.kind),
    tags: await tagsOfAnnouncements(test.db, announcements),
  };
}

const clauseTags = (ref: string) => [draftTag("iotmark"), clauseTag("iotmark", ref)];
const callTags = (number: number) => [callsTag("iotmark"), callTag("iotmark", number)];
const sorted = (tags: string[]) => [...new Set(tags)].sort();

async function openQuestion(title: string) {
  return openCall(test.db, p("noor"), standardId, {
    kind: "question",
    clauseRef: "",
    revision: null,
    title,
    description: "",
    organisations: "",
  });
}

async function openClauseCall(ref: string, title: string) {
  return openCall(test.db, p("noor"), standardId, {
    kind: "clause_revision",
    clauseRef: ref,
    revision: null,
    title,
    description: "",
    organisations: "",
  });
}

describe("the change feed, on real mutations", () => {
  it("gives a thread opened on a clause, its reply and its edit that clause and the draft only", async () => {
    let threadId = "";
    const opened = await changesOf(async () => {
      ({ threadId } = await openThread(test.db, p("kofi"), clauseA.id, {
        kind: "comment",
        title: "Which key?",
        quote: "",
        body: "Which signing key is meant?",
      }));
    });
    expect(opened.kinds.sort()).toEqual(["audit", "thread"]);
    expect(sorted(opened.tags)).toEqual(sorted([logTag, ...clauseTags(clauseA.ref)]));

    const replied = await changesOf(() =>
      reply(test.db, p("lena"), { threadId, parentId: null, body: "The vendor's." }),
    );
    expect(replied.kinds).toEqual(["thread"]);
    expect(sorted(replied.tags)).toEqual(sorted(clauseTags(clauseA.ref)));
    expect(replied.tags).not.toContain(clauseTag("iotmark", clauseB.ref));
    expect(replied.tags).not.toContain(logTag);

    const [answer] = await test.db
      .select({ id: comments.id })
      .from(comments)
      .where(eq(comments.body, "The vendor's."));
    const edited = await changesOf(() =>
      editComment(test.db, p("lena"), answer?.id ?? "", "The vendor's own key."),
    );
    expect(sorted(edited.tags)).toEqual(sorted(clauseTags(clauseA.ref)));
  });

  it("gives a clause's working text and its saved revision that clause, not its neighbour", async () => {
    const text = await changesOf(() =>
      storeClauseText(
        test.db,
        {
          clauseId: clauseA.id,
          yjsState: new Uint8Array([1, 2, 3]),
          fields: {
            body: markdownToRichText("Updates are signed."),
            assessment: markdownToRichText(""),
            examples: markdownToRichText(""),
          },
        },
        new Date(),
      ),
    );
    expect(text.kinds).toEqual(["clause"]);
    expect(sorted(text.tags)).toEqual(sorted(clauseTags(clauseA.ref)));

    const saved = await changesOf(() => saveRevision(test.db, p("noor"), clauseA.id, "First"));
    expect(sorted(saved.tags)).toEqual(sorted([logTag, ...clauseTags(clauseA.ref)]));
    expect(saved.tags).not.toContain(clauseTag("iotmark", clauseB.ref));
    expect(saved.tags).not.toContain(standardTag("iotmark"));
  });

  it("gives a section's text and revision that section and the draft", async () => {
    const text = await changesOf(() =>
      storeSectionText(
        test.db,
        {
          sectionId: section.sectionId,
          yjsState: new Uint8Array([4]),
          body: markdownToRichText("Notes."),
        },
        new Date(),
      ),
    );
    expect(text.kinds).toEqual(["section"]);
    const ofSection = [draftTag("iotmark"), sectionTag("iotmark", section.slug)];
    expect(sorted(text.tags)).toEqual(sorted(ofSection));
    const saved = await changesOf(() =>
      saveSectionRevision(test.db, p("noor"), section.sectionId, "Noted"),
    );
    expect(sorted(saved.tags)).toEqual(sorted([logTag, ...ofSection]));
  });

  it("gives a position that call and the list of calls, not another call", async () => {
    const first = await openQuestion("Keep the five-year period?");
    const second = await openQuestion("Name a support contact?");
    const position = await changesOf(() =>
      takePosition(test.db, p("kofi"), first.id, { stance: "support", reason: "" }),
    );
    expect(sorted(position.tags)).toEqual(sorted([logTag, ...callTags(first.number)]));
    expect(position.tags).not.toContain(callTag("iotmark", second.number));
    expect(position.tags).not.toContain(standardTag("iotmark"));

    // A decision moves what the whole standard shows.
    const withdrawn = await changesOf(() =>
      withdrawCall(test.db, p("noor"), second.id, "Asked elsewhere."),
    );
    expect(sorted(withdrawn.tags)).toEqual(sorted([logTag, standardTag("iotmark")]));
  });

  it("gives an objection to a clause's call the call, the clause and the draft", async () => {
    const call = await openClauseCall(clauseB.ref, "Adopt the update period");
    const objected = await changesOf(() =>
      takePosition(test.db, p("lena"), call.id, { stance: "object", reason: "Too short." }),
    );
    expect(sorted(objected.tags)).toEqual(
      sorted([logTag, ...callTags(call.number), ...clauseTags(clauseB.ref)]),
    );
    expect(objected.tags).not.toContain(clauseTag("iotmark", clauseA.ref));

    // Supporting instead withdraws the objection thread, which the clause's page lists.
    const changedMind = await changesOf(() =>
      takePosition(test.db, p("lena"), call.id, { stance: "support", reason: "" }),
    );
    expect(sorted(changedMind.tags)).toEqual(
      sorted([logTag, ...callTags(call.number), ...clauseTags(clauseB.ref)]),
    );
  });

  it("gives a change to a clause's working text the pages of the calls showing it", async () => {
    const [call] = await test.db
      .select({ number: calls.number })
      .from(calls)
      .where(eq(calls.clauseId, clauseB.id));
    const number = call?.number ?? 0;
    const text = await changesOf(() =>
      storeClauseText(
        test.db,
        {
          clauseId: clauseB.id,
          yjsState: new Uint8Array([5]),
          fields: {
            body: markdownToRichText("Updates for ten years."),
            assessment: markdownToRichText(""),
            examples: markdownToRichText(""),
          },
        },
        new Date(),
      ),
    );
    expect(sorted(text.tags)).toEqual(
      sorted([...clauseTags(clauseB.ref), callTag("iotmark", number)]),
    );
    // The list of calls does not show clause texts.
    expect(text.tags).not.toContain(callsTag("iotmark"));
  });

  it("gives a registry change the registry, and a profile change everything", async () => {
    const registered = await changesOf(() =>
      registerOrganisation(test.db, p("kofi"), {
        name: "Feedwise Ltd",
        country: "DE",
        website: "https://feedwise.example/",
        contact: "registry@feedwise.example",
      }),
    );
    expect(sorted(registered.tags)).toEqual(sorted([logTag, registryTag]));

    const renamed = await changesOf(() =>
      updateProfile(test.db, p("kofi"), {
        name: "Kofi A.",
        affiliation: "",
        conflictOfInterest: "",
      }),
    );
    expect(renamed.tags).toEqual([everything]);
  });

  it("gives a revoked access token the tokens, so no front trusts it any longer", async () => {
    const { id } = await createToken(test.db, p("kofi"), {
      name: "feed-test",
      scopes: ["read"],
      expiresInDays: 1,
    });
    const revoked = await changesOf(() => revokeToken(test.db, p("kofi"), id));
    expect(revoked.kinds).toEqual(["token"]);
    expect(revoked.tags).toEqual([tokensTag]);
  });

  it("touches everything for an announcement whose entry it cannot read", async () => {
    expect(
      await tagsOfAnnouncements(test.db, [{ sequence: 1, kind: "audit", id: "999999999" }]),
    ).toEqual([everything]);
    // Ids that name nothing touch nothing: an unknown thread, clause or section.
    const nothing = "00000000-0000-4000-8000-000000000000";
    expect(
      await tagsOfAnnouncements(test.db, [
        { sequence: 2, kind: "thread", id: nothing },
        { sequence: 3, kind: "clause", id: "not-a-uuid" },
        { sequence: 4, kind: "section", id: nothing },
      ]),
    ).toEqual([]);
  });
});
