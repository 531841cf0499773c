import fs from "node:fs";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Secretariat } from "@/lib/community/authz";
import { adoptingCall } from "@/lib/decisions/founding";
import { callItems, calls } from "@/lib/decisions/schema";
import {
  clauseRevisions,
  clauses,
  clauseTexts,
  sectionRevisions,
  sections,
  standards,
} from "@/lib/drafting/schema";
import {
  type ImportOptions,
  type ImportOutcome,
  importMarkdown,
  importSchema,
  loadStandardDocument,
} from "@/lib/drafting/transfer";
import { DomainError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createSecretary } from "@/tests/people";

let test: TestDatabase;
let secretary: Secretariat;
beforeAll(async () => {
  test = await createTestDatabase();
  secretary = await createSecretary(test.db, { name: "Sam" });
});
afterAll(() => test?.close());

const fixture = (name: string) => fs.readFileSync(`lib/drafting/fixtures/${name}`, "utf8");
const earlier = fixture("home-principles-2025.md");
const later = fixture("home-principles-2026.md");
const now = new Date("2026-03-01T10:00:00Z");
const options = (extra: ImportOptions = {}): ImportOptions => ({
  now,
  inTransaction: adoptingCall(({ name }) => ({ title: `Adopt ${name}`, description: "" }), now),
  ...extra,
});
const input = (fields: Record<string, string>) =>
  importSchema.parse({ format: "plain", ...fields });

/** Previews, then confirms exactly what was previewed, as the form does. */
async function previewAndConfirm(fields: Record<string, string>, extra?: ImportOptions) {
  const preview = await importMarkdown(test.db, secretary, input(fields), options(extra));
  if (!("preview" in preview)) throw new Error(JSON.stringify(preview));
  const done = await importMarkdown(
    test.db,
    secretary,
    input({ ...fields, intent: "confirm", digest: preview.digest }),
    options(extra),
  );
  return { preview, done };
}

const imported = (outcome: ImportOutcome) => {
  if (!("slug" in outcome)) throw new Error(JSON.stringify(outcome));
  return outcome;
};
const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof DomainError) return `${error.code} ${JSON.stringify(error.fieldErrors)}`;
    throw error;
  }
};
const standardId = async (slug: string) =>
  (await test.db.select().from(standards).where(eq(standards.slug, slug)))[0]?.id ?? "";

describe("importing a community document", () => {
  it("creates the founding text, previewed first, with one founding call over every clause and section", async () => {
    const { preview, done } = await previewAndConfirm({ markdown: earlier, adopt: "on" });
    expect(preview.preview.mode).toBe("new");
    expect(preview.preview.sections.map((s) => s.kind)).toEqual([
      "licence",
      "introduction",
      "terminology",
      "definitions",
      "roles",
      "assessment",
      "acknowledgements",
    ]);
    expect(preview.preview.modules.map((m) => m.clauses.length)).toEqual([5, 5, 4, 4, 4, 4, 4]);
    expect(preview.preview.modules[1]?.clauses[4]).toEqual({
      ref: "SECURI-5",
      title: "The vendor MAY offer a reward for reported security problems",
      strength: "MAY",
      level: null,
      change: "new",
    });
    const outcome = imported(done);
    expect(outcome).toMatchObject({
      slug: "open-home-device-principles",
      clauses: 30,
      sections: 7,
    });
    const id = await standardId(outcome.slug);
    const [call] = await test.db.select().from(calls).where(eq(calls.standardId, id));
    expect(call).toMatchObject({ kind: "changes", phase: "open", number: outcome.callNumber });
    const items = await test.db
      .select()
      .from(callItems)
      .where(eq(callItems.callId, call?.id ?? ""));
    expect(items.filter((i) => i.kind === "adopt_clause")).toHaveLength(30);
    expect(items.filter((i) => i.kind === "adopt_section")).toHaveLength(7);
    // Sections are there with their first revision, and no live state yet.
    const document = await loadStandardDocument(test.db, outcome.slug);
    expect(document?.sections?.map((s) => s.title)).toContain("Assessment guidance");
    const revisions = await test.db.select().from(sectionRevisions);
    expect(revisions.filter((r) => r.kind === "imported").length).toBeGreaterThanOrEqual(7);
  });

  it("refuses an import whose preview was not confirmed, or whose text changed since, writing nothing", async () => {
    const fields = { markdown: earlier, slug: "unconfirmed", adopt: "on" };
    expect(
      await refusal(importMarkdown(test.db, secretary, input({ ...fields, intent: "confirm" }))),
    ).toBe('invalid_input {"digest":"import_not_confirmed"}');
    const preview = await importMarkdown(test.db, secretary, input(fields));
    const digest = "digest" in preview ? preview.digest : "";
    const edited = { ...fields, markdown: earlier.replace("SHOULD show", "MUST show") };
    expect(
      await refusal(
        importMarkdown(test.db, secretary, input({ ...edited, intent: "confirm", digest })),
      ),
    ).toBe('invalid_input {"digest":"import_not_confirmed"}');
    // A preview stores nothing either.
    expect(await standardId("unconfirmed")).toBe("");
  });

  it("says at the preview that the address is taken", async () => {
    expect(await refusal(importMarkdown(test.db, secretary, input({ markdown: earlier })))).toBe(
      'conflict {"slug":"slug_taken"}',
    );
  });

  it("reports problems by line and imports nothing", async () => {
    const broken = earlier.replace(
      "### 2. The vendor MUST NOT sell",
      "### 2. The vendor will not sell",
    );
    const outcome = await importMarkdown(
      test.db,
      secretary,
      input({ markdown: broken, slug: "broken-principles" }),
    );
    expect("problems" in outcome && outcome.problems).toEqual([
      {
        line: expect.any(Number),
        reason: "Requirement 2 has no RFC 2119 keyword (MUST, SHOULD, MAY, …) in capitals",
      },
    ]);
    expect(await standardId("broken-principles")).toBe("");
  });

  it("brings a later text in as working changes, and a last call retires what it dropped", async () => {
    const slug = "home-principles";
    imported((await previewAndConfirm({ markdown: earlier, slug })).done);
    const id = await standardId(slug);
    // As if a founding call had adopted everything; and one clause is open in the editor.
    for (const revision of await test.db
      .select()
      .from(clauseRevisions)
      .innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
      .where(eq(clauses.standardId, id))) {
      await test.db
        .update(clauses)
        .set({ adoptedRevisionId: revision.clause_revision.id })
        .where(eq(clauses.id, revision.clause.id));
    }
    const [open] = await test.db
      .select()
      .from(clauses)
      .where(
        and(eq(clauses.standardId, id), eq(clauses.refCode, "PRIVAC"), eq(clauses.refNumber, 3)),
      );
    await test.db
      .update(clauseTexts)
      .set({ yjsState: new Uint8Array([1, 2, 3]) })
      .where(eq(clauseTexts.clauseId, open?.id ?? ""));
    const replaced: string[] = [];
    const replaceWorkingText = async (
      clauseId: string,
      fields: Parameters<NonNullable<ImportOptions["replaceWorkingText"]>>[1],
    ) => {
      // What the collab server does: the live document and the stored text change together.
      replaced.push(clauseId);
      await test.db.update(clauseTexts).set(fields).where(eq(clauseTexts.clauseId, clauseId));
    };

    const { preview, done } = await previewAndConfirm(
      { markdown: later, into: slug, adopt: "on" },
      { replaceWorkingText },
    );
    const rows = preview.preview.modules.flatMap((m) => m.clauses);
    const changed = (change: string) => rows.filter((c) => c.change === change).map((c) => c.ref);
    expect(changed("updated")).toEqual(["PRIVAC-3", "SOFTWA-2", "TRANSP-3"]);
    expect(changed("new")).toEqual(["SECURI-6", "DATA-5"]);
    expect(changed("retired")).toEqual(["INTERO-3"]);
    expect(changed("unchanged")).toHaveLength(26);
    expect(preview.preview.sections.filter((s) => s.change !== "unchanged")).toEqual([
      { slug: "introduction", title: "Introduction", kind: "introduction", change: "updated" },
      { slug: "definitions", title: "Definitions", kind: "definitions", change: "updated" },
    ]);
    const outcome = imported(done);
    expect(outcome).toMatchObject({ clauses: 5, sections: 2, retirements: 1 });
    expect(replaced).toEqual([open?.id]);

    const [privacy3] = await test.db
      .select()
      .from(clauses)
      .where(eq(clauses.id, open?.id ?? ""));
    expect(privacy3?.strength).toBe("MUST");
    const [text] = await test.db
      .select()
      .from(clauseTexts)
      .where(eq(clauseTexts.clauseId, open?.id ?? ""));
    expect(JSON.stringify(text?.body)).toContain("and the device says which");
    // The dropped clause stays until a call retires it; the last call proposes that.
    const [interop3] = await test.db
      .select()
      .from(clauses)
      .where(
        and(eq(clauses.standardId, id), eq(clauses.refCode, "INTERO"), eq(clauses.refNumber, 3)),
      );
    expect(interop3?.retiredAt).toBeNull();
    const [call] = await test.db
      .select()
      .from(calls)
      .where(and(eq(calls.standardId, id), eq(calls.number, outcome.callNumber ?? 0)));
    const items = await test.db
      .select()
      .from(callItems)
      .where(eq(callItems.callId, call?.id ?? ""));
    expect(items.map((i) => i.kind).sort()).toEqual(
      [...Array(2).fill("adopt_section"), ...Array(5).fill("adopt_clause"), "retire_clause"].sort(),
    );
    expect(items.find((i) => i.kind === "retire_clause")?.clauseId).toBe(interop3?.id);
    const live = await test.db
      .select()
      .from(sections)
      .where(and(eq(sections.standardId, id), isNull(sections.retiredAt)));
    expect(live).toHaveLength(7);
  });

  it("proposes, not performs, the retirement of a clause an open call is deciding", async () => {
    const slug = "open-home-device-principles";
    const { preview, done } = await previewAndConfirm({ markdown: later, into: slug });
    expect(preview.preview.counts).toEqual({ new: 2, updated: 5, unchanged: 31, retired: 1 });
    expect(imported(done)).toMatchObject({
      clauses: 5,
      sections: 2,
      retirements: 1,
      callNumber: null,
    });
    const [interop3] = await test.db
      .select()
      .from(clauses)
      .where(
        and(
          eq(clauses.standardId, await standardId(slug)),
          eq(clauses.refCode, "INTERO"),
          eq(clauses.refNumber, 3),
        ),
      );
    expect(interop3?.retiredAt).toBeNull();
  });

  it("writes nothing of a later text when its call cannot open", async () => {
    // The founding text's call is still open over every clause of the first standard.
    const slug = "open-home-device-principles";
    const before = JSON.stringify(await loadStandardDocument(test.db, slug));
    const preview = await importMarkdown(
      test.db,
      secretary,
      input({ markdown: later, into: slug, adopt: "on" }),
      options(),
    );
    const digest = "digest" in preview ? preview.digest : "";
    expect(
      await refusal(
        importMarkdown(
          test.db,
          secretary,
          input({ markdown: later, into: slug, adopt: "on", intent: "confirm", digest }),
          options(),
        ),
      ),
    ).toBe('invalid_input {"items":"in_open_call"}');
    expect(JSON.stringify(await loadStandardDocument(test.db, slug))).toBe(before);
  });
});
