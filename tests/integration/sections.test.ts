import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import type { Participant } from "@/lib/community/authz";
import { canonicalRichText } from "@/lib/drafting/canonical-text";
import {
  sectionEdits,
  sectionRevisions,
  sections,
  sectionTexts,
  standards,
} from "@/lib/drafting/schema";
import {
  getDraftSection,
  listDraftSections,
  listSectionRevisions,
} from "@/lib/drafting/section-queries";
import { sectionRevisionOfWorkingText } from "@/lib/drafting/section-revisions";
import {
  createSection,
  moveSection,
  renameSection,
  retireUnadoptedSection,
  saveSectionRevision,
} from "@/lib/drafting/sections";
import { draftCandidate } from "@/lib/releases/build";
import { contentDigest, contentProblems, type ReleaseContent } from "@/lib/releases/content";
import { releaseDocument } from "@/lib/releases/export";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
let ann: Participant;
let ben: Participant;
let standardId: string;
const slug = "sections-test";

const paragraph = (text: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

beforeAll(async () => {
  test = await createTestDatabase();
  ann = await createPerson(test.db, { name: "Ann" });
  ben = await createPerson(test.db, { name: "Ben" });
  const [row] = await test.db
    .insert(standards)
    .values({ slug, name: "Sections test", summary: "" })
    .returning({ id: standards.id });
  standardId = row?.id ?? "";
});
afterAll(() => test?.close());

/** What a collab server does when someone types: the working text changes. */
async function type(sectionId: string, text: string, editorId: string) {
  await test.db
    .update(sectionTexts)
    .set({ body: canonicalRichText(paragraph(text)), plainText: text, updatedAt: new Date() })
    .where(eq(sectionTexts.sectionId, sectionId));
  await test.db
    .insert(sectionEdits)
    .values({ sectionId, userId: editorId, lastEditAt: new Date() })
    .onConflictDoNothing();
}

const auditOf = async (action: string) =>
  test.db.select().from(auditLog).where(eq(auditLog.action, action));

describe("sections", () => {
  let scopeId = "";

  it("are added with a slug from their title, never reused, with a first revision", async () => {
    const scope = await createSection(test.db, ann, {
      standardSlug: slug,
      kind: "scope",
      title: "Scope",
      body: paragraph("What this covers."),
    });
    scopeId = scope.sectionId;
    expect(scope.slug).toBe("scope");
    const again = await createSection(test.db, ann, {
      standardSlug: slug,
      kind: "other",
      title: "Scope",
    });
    expect(again.slug).toBe("scope-2");
    await retireUnadoptedSection(test.db, ann, again.sectionId);
    const third = await createSection(test.db, ann, {
      standardSlug: slug,
      kind: "other",
      title: "Scope",
    });
    expect(third.slug).toBe("scope-3"); // a retired section keeps its slug for good
    await retireUnadoptedSection(test.db, ann, third.sectionId);
    const revisions = await listSectionRevisions(test.db, scope.sectionId);
    expect(revisions.map((revision) => [revision.number, revision.note, revision.title])).toEqual([
      [1, "Section added", "Scope"],
    ]);
    expect(revisions[0]?.plainText).toBe("What this covers.");
    const [added] = await auditOf("drafting.section_added");
    expect(added).toMatchObject({
      subjectType: "section",
      subjectId: `${slug}/scope`,
      actorId: ann.id,
      details: { standard: slug, title: "Scope", kind: "scope" },
    });
    expect(await auditOf("drafting.section_retired")).toHaveLength(2);
  });

  it("refuse a missing standard, and retiring twice", async () => {
    expect(
      await outcomeOf(
        createSection(test.db, ann, { standardSlug: "nope", kind: "scope", title: "X" }),
      ),
    ).toBe("not_found");
    const [retired] = await test.db
      .select()
      .from(sections)
      .where(and(eq(sections.standardId, standardId), eq(sections.slug, "scope-2")));
    expect(await outcomeOf(retireUnadoptedSection(test.db, ann, retired?.id ?? ""))).toBe(
      "invalid_input",
    );
  });

  it("keep their slug when renamed, with the text before kept as a revision", async () => {
    await renameSection(test.db, ben, scopeId, "Scope and purpose");
    const section = await getDraftSection(test.db, standardId, "scope");
    expect(section?.title).toBe("Scope and purpose");
    const notes = (await listSectionRevisions(test.db, scopeId)).map((revision) => revision.note);
    expect(notes).toEqual(["Before a change of title", "Section added"]);
    expect(await outcomeOf(renameSection(test.db, ben, scopeId, "Scope and purpose"))).toBe(
      "invalid_input",
    );
  });

  it("move up and down; the first stays first", async () => {
    const terms = await createSection(test.db, ann, {
      standardSlug: slug,
      kind: "definitions",
      title: "Definitions",
    });
    const order = async () =>
      (await listDraftSections(test.db, standardId))
        .filter((section) => !section.retiredAt)
        .map((section) => section.slug);
    expect(await order()).toEqual(["scope", "definitions"]);
    await moveSection(test.db, ann, terms.sectionId, "up");
    expect(await order()).toEqual(["definitions", "scope"]);
    await moveSection(test.db, ann, terms.sectionId, "up");
    expect(await order()).toEqual(["definitions", "scope"]);
    await moveSection(test.db, ann, terms.sectionId, "down");
    expect(await order()).toEqual(["scope", "definitions"]);
    expect(await auditOf("drafting.section_moved")).toHaveLength(2);
  });

  it("take a revision of the working text only when it changed, crediting who edited", async () => {
    const at = (sectionId: string, note: string) =>
      test.db.transaction((tx) =>
        sectionRevisionOfWorkingText(tx, sectionId, { note, actorId: ann.id, now: new Date() }),
      );
    // Revision 2 holds the title before the rename, so the working text differs from it.
    expect(await at(scopeId, "Renamed")).toBe(3);
    expect(await at(scopeId, "Proposed")).toBe(3);
    await type(scopeId, "What this standard covers, and what it leaves out.", ben.id);
    expect(await at(scopeId, "Proposed")).toBe(4);
    expect(await at(scopeId, "Proposed again")).toBe(4);
    const [latest] = await listSectionRevisions(test.db, scopeId);
    expect(latest).toMatchObject({ number: 4, kind: "automatic", note: "Proposed" });
    expect(latest?.authors).toEqual(["Ben"]);
    expect(await saveSectionRevision(test.db, ann, scopeId, "A named snapshot")).toBe(5);
    const [saved] = await auditOf("drafting.section_revision_saved");
    expect(saved?.details).toMatchObject({ revision: 5 });
  });

  it("show whether they are adopted, changed since, or never adopted", async () => {
    const adoption = async () =>
      Object.fromEntries(
        (await listDraftSections(test.db, standardId)).map((section) => [
          section.slug,
          section.adoption,
        ]),
      );
    expect((await adoption()).scope).toBe("never");
    const [revision] = await test.db
      .select()
      .from(sectionRevisions)
      .where(and(eq(sectionRevisions.sectionId, scopeId), eq(sectionRevisions.number, 5)));
    await test.db
      .update(sections)
      .set({ adoptedRevisionId: revision?.id })
      .where(eq(sections.id, scopeId));
    expect((await adoption()).scope).toBe("adopted");
    await type(scopeId, "A wider scope.", ann.id);
    expect((await adoption()).scope).toBe("changed");
    // An adopted section is in the next release; only a call may take it out.
    expect(await outcomeOf(retireUnadoptedSection(test.db, ann, scopeId))).toBe("conflict");
  });
});

describe("release candidates", () => {
  it("hold the adopted text of live sections in order, and no key when there are none", async () => {
    const [other] = await test.db
      .insert(standards)
      .values({ slug: "no-sections", name: "No sections", summary: "" })
      .returning({ id: standards.id });
    const bare = await draftCandidate(test.db, other?.id ?? "");
    expect("sections" in bare.content).toBe(false);
    // A standard that only has sections never adopted has none in its candidate either.
    await createSection(test.db, ann, {
      standardSlug: "no-sections",
      kind: "scope",
      title: "Scope",
    });
    const still = await draftCandidate(test.db, other?.id ?? "");
    expect("sections" in still.content).toBe(false);
    const content = { ...still.content, version: "1.0.0", notes: "" };
    expect(contentDigest(content)).toBe(
      contentDigest({ ...bare.content, version: "1.0.0", notes: "" }),
    );

    const candidate = await draftCandidate(test.db, standardId);
    expect(candidate.content.sections).toEqual([
      {
        slug: "scope",
        kind: "scope",
        title: "Scope and purpose",
        body: paragraph("What this standard covers, and what it leaves out."),
      },
    ]);
  });

  it("keep the digest of content written before sections existed", () => {
    const old: ReleaseContent = {
      standard: { slug: "s", name: "S", summary: "" },
      version: "1.0.0",
      notes: "",
      modules: [],
      levels: [],
      clauses: [],
    };
    const digest = contentDigest(old);
    expect(contentDigest({ ...old, sections: undefined })).toBe(digest);
    expect(contentDigest({ ...old, sections: [] })).not.toBe(digest);
    expect(contentProblems({ ...old, sections: [] })).toEqual([
      "sections is empty rather than absent",
    ]);
    const section = { slug: "a", kind: "scope" as const, title: "A", body: paragraph("x") };
    expect(contentProblems({ ...old, sections: [section, section] })).toEqual([
      "section a appears more than once",
    ]);
    expect(releaseDocument({ ...old, sections: [section] }).sections).toEqual([
      { ...section, retired: false },
    ]);
    expect("sections" in releaseDocument(old)).toBe(false);
  });
});
