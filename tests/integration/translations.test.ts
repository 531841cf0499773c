import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { type Participant, requireSecretariat } from "@/lib/community/authz";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { prepareRelease } from "@/lib/decisions/release-calls";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { openTranslationCall } from "@/lib/decisions/translation-calls";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import type { RichText } from "@/lib/drafting/rich-text";
import { standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { requireReleaseManager } from "@/lib/releases/authz";
import { canonicalJson } from "@/lib/releases/content";
import { withdrawRelease } from "@/lib/releases/mutations";
import { getRelease } from "@/lib/releases/queries";
import { parseClauseTranslation } from "@/lib/translations/fields";
import { startTranslation, translateClause } from "@/lib/translations/mutations";
import { getTranslation } from "@/lib/translations/queries";
import { clauseTranslations, releaseTranslations } from "@/lib/translations/schema";
import { createTestDatabase, databaseErrorOf, type TestDatabase } from "@/tests/database";
import { xssPayloads } from "@/tests/xss-payloads";

let test: TestDatabase;
let standardId: string;
const people: Record<string, Participant> = {};
const t0 = new Date("2026-10-01T08:00:00Z");
let clock = t0;
const later = (days = 0.05) => {
  clock = addDays(clock, days);
  return clock;
};
const who = (key: string): Participant => {
  const person = people[key];
  if (!person) throw new Error(key);
  return person;
};

/** "ok", or the refusal's code with the field errors it names: "invalid_input locale=…". */
async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fields = Object.entries(error.fieldErrors).map(([field, code]) => `${field}=${code}`);
    return [error.code, ...fields].join(" ");
  }
}

const words = (title: string, body: string, assessment = "Preuves.", examples = "- Exemple.") =>
  parseClauseTranslation({ title, body, assessment, examples });

async function releaseId(version: string): Promise<string> {
  const view = await getRelease(test.db, "iotmark", version);
  if (!view) throw new Error(`release ${version} is missing`);
  return view.id;
}

/** Three participants support the call, and the deadline passes: rough consensus. */
async function agree(callNumber: number) {
  const [call] = await test.db
    .select()
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.number, callNumber)));
  if (!call) throw new Error(`call ${callNumber} is missing`);
  const at = later();
  for (const key of ["noor", "kofi", "lena"]) {
    await takePosition(test.db, who(key), call.id, { stance: "support", reason: "" }, at);
  }
  clock = addDays(call.closesAt, 0.01);
  await closeDue(test.db, clock);
}

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db, t0, { releases: true });
  const demo = demoViewers(test.db, demoEmail, t0);
  for (const key of ["sam", "rosa", "mei", "noor", "kofi", "lena", "jonas", "amara", "piotr"]) {
    people[key] = await demo(key);
  }
  standardId =
    (await test.db.select().from(standards).where(eq(standards.slug, "iotmark")))[0]?.id ?? "";
}, 120_000);
afterAll(() => test?.close());

describe("the demo's translations", () => {
  it("publish 1.1.0 in French, with a digest of its canonical JSON, and leave German in progress", async () => {
    const french = await getTranslation(test.db, "iotmark", "1.1.0", "fr");
    expect(french?.translation.state).toBe("published");
    const content = french?.translation.content;
    if (!content || !french) throw new Error("no French content");
    const sha256 = createHash("sha256").update(canonicalJson(content)).digest("hex");
    expect(french.translation.sha256).toBe(sha256);
    expect(content).toMatchObject({
      locale: "fr",
      translationOf: "1.1.0",
      originalSha256: french.release.digest,
    });
    expect(content.clauses.map((clause) => clause.ref)).toEqual(
      french.release.content.clauses.map((clause) => clause.ref),
    );
    expect(content.clauses.find((clause) => clause.ref === "SW-1")?.title).toBe(
      "Aucun mot de passe universel par défaut",
    );
    expect(french.call?.phase).toBe("adopted");

    const german = await getTranslation(test.db, "iotmark", "1.1.0", "de");
    expect(german?.translation.state).toBe("draft");
    expect(german?.progress.translated).toBeGreaterThan(0);
    expect(german?.progress.missing.length).toBeGreaterThan(0);
  });

  it("cannot change a published translation, even in the database", async () => {
    const french = await getTranslation(test.db, "iotmark", "1.1.0", "fr");
    const id = french?.translation.id ?? "";
    expect(
      await databaseErrorOf(
        test.db
          .update(releaseTranslations)
          .set({ sha256: "0".repeat(64) })
          .where(eq(releaseTranslations.id, id)),
      ),
    ).toMatch(/immutable/);
    expect(
      await databaseErrorOf(
        test.db
          .update(clauseTranslations)
          .set({ title: "Autre" })
          .where(eq(clauseTranslations.translationId, id)),
      ),
    ).toMatch(/immutable/);
    const text = words("Autre titre", "Autre texte.");
    expect(
      await refusalOf(
        translateClause(test.db, who("lena"), { translationId: id, ref: "SW-1", text }, later()),
      ),
    ).toBe("invalid_input translation=translation_closed");
  });
});

describe("starting a translation", () => {
  it("is refused into English, into an unknown language, and a second time", async () => {
    const id = await releaseId("1.1.0");
    const start = (locale: string) =>
      refusalOf(startTranslation(test.db, who("piotr"), { releaseId: id, locale }, later()));
    expect(await start("en")).toBe("invalid_input locale=original_language");
    expect(await start("es")).toBe("invalid_input locale=invalid");
    expect(await start("fr")).toBe("invalid_input locale=translation_exists");
    expect(await start("de")).toBe("invalid_input locale=translation_exists");
  });

  it("is audited, and starts empty when no earlier release was translated", async () => {
    const started = await startTranslation(
      test.db,
      who("piotr"),
      { releaseId: await releaseId("1.0.0"), locale: "de" },
      later(),
    );
    expect(started.carriedFrom).toBeNull();
    const view = await getTranslation(test.db, "iotmark", "1.0.0", "de");
    expect(view?.texts.size).toBe(0);
    expect(view?.progress.translated).toBe(0);
    const entries = await test.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "releases.translation_started"),
          eq(auditLog.subjectId, "iotmark/1.0.0"),
        ),
      );
    expect(entries.map((entry) => entry.details)).toEqual([{ language: "de", version: null }]);
  });
});

const payloads = xssPayloads;

/** Every node type and link target in a stored field. */
function inventory(json: RichText, into = { types: new Set<string>(), hrefs: [] as string[] }) {
  into.types.add(json.type ?? "");
  for (const mark of json.marks ?? []) {
    into.types.add(`mark:${mark.type}`);
    if (mark.type === "link") into.hrefs.push(String(mark.attrs?.href));
  }
  for (const child of json.content ?? []) inventory(child, into);
  return into;
}

describe("translating clauses", () => {
  it("checks the words as an original clause's: links only to http, https or mailto, markup in titles refused, HTML kept as text", async () => {
    const view = await getTranslation(test.db, "iotmark", "1.0.0", "de");
    const translationId = view?.translation.id ?? "";
    const allowed = new Set([
      "doc",
      "paragraph",
      "text",
      "bulletList",
      "orderedList",
      "listItem",
      "hardBreak",
      "mark:bold",
      "mark:italic",
      "mark:code",
      "mark:link",
    ]);
    for (const payload of payloads) {
      let text: ReturnType<typeof parseClauseTranslation>;
      try {
        text = words("Titel", payload);
      } catch (error) {
        // Refused on input, as the original's editor refuses it.
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).fieldErrors).toEqual({ body: "invalid" });
        continue;
      }
      await translateClause(test.db, who("jonas"), { translationId, ref: "SW-1", text }, later());
      const [stored] = await test.db
        .select()
        .from(clauseTranslations)
        .where(
          and(
            eq(clauseTranslations.translationId, translationId),
            eq(clauseTranslations.ref, "SW-1"),
          ),
        );
      const found = inventory(stored?.body ?? { type: "doc" });
      for (const type of found.types) expect(allowed).toContain(type);
      for (const href of found.hrefs) expect(href).toMatch(/^(https?|mailto):/i);
    }
    expect(() => words("<b>Titel</b>", "Text.")).toThrow(DomainError);
    expect(() => words("", "Text.")).toThrow(DomainError);
    for (const refused of ["[x](javascript:alert(1))", "[x](data:text/html,hi)", "# Heading"]) {
      expect(() => words("Titel", refused), refused).toThrow(DomainError);
    }
  });

  it("refuses a clause the release does not have", async () => {
    const view = await getTranslation(test.db, "iotmark", "1.0.0", "de");
    expect(
      await refusalOf(
        translateClause(
          test.db,
          who("jonas"),
          { translationId: view?.translation.id ?? "", ref: "DATA-10", text: words("T", "B.") },
          later(),
        ),
      ),
    ).toBe("invalid_input ref=unknown_clause");
  });

  it("opens no call while a clause is untranslated; a complete one is adopted and published with its own digest", async () => {
    const view = await getTranslation(test.db, "iotmark", "1.0.0", "de");
    if (!view) throw new Error("no translation");
    const translationId = view.translation.id;
    expect(
      await refusalOf(
        openTranslationCall(test.db, who("jonas"), translationId, { description: "" }, later()),
      ),
    ).toBe("invalid_input translation=untranslated_clauses");

    const translators = ["jonas", "piotr", "amara", "rosa"];
    for (const [index, clause] of view.release.content.clauses.entries()) {
      const text = words(
        `Titel ${clause.ref}`,
        `Anforderung ${clause.ref}.`,
        "Nachweise.",
        "- Beispiel.",
      );
      await translateClause(
        test.db,
        who(translators[index % translators.length] ?? "jonas"),
        { translationId, ref: clause.ref, text },
        later(0.01),
      );
    }
    const { callNumber } = await openTranslationCall(
      test.db,
      who("jonas"),
      translationId,
      { description: "" },
      later(),
    );
    expect((await getTranslation(test.db, "iotmark", "1.0.0", "de"))?.translation.state).toBe(
      "in_call",
    );
    expect(
      await refusalOf(
        translateClause(
          test.db,
          who("jonas"),
          { translationId, ref: "SW-1", text: words("X", "Y.") },
          later(),
        ),
      ),
    ).toBe("invalid_input translation=translation_closed");
    expect(
      await refusalOf(
        openTranslationCall(test.db, who("jonas"), translationId, { description: "" }, later()),
      ),
    ).toBe("invalid_input translation=translation_closed");

    await agree(callNumber);
    const published = await getTranslation(test.db, "iotmark", "1.0.0", "de");
    const content = published?.translation.content;
    if (!published || !content) throw new Error("not published");
    expect(published.translation.state).toBe("published");
    expect(createHash("sha256").update(canonicalJson(content)).digest("hex")).toBe(
      published.translation.sha256,
    );
    expect(content.originalSha256).toBe(published.release.digest);
    expect(content.translationOf).toBe("1.0.0");
    expect(content.clauses.every((clause) => clause.title === `Titel ${clause.ref}`)).toBe(true);
    // Structure stays the original's.
    expect(content.clauses.map((clause) => [clause.ref, clause.level, clause.strength])).toEqual(
      published.release.content.clauses.map((clause) => [
        clause.ref,
        clause.level,
        clause.strength,
      ]),
    );
    const [entry] = await test.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "releases.translation_published"))
      .orderBy(auditLog.id);
    expect(entry).toBeDefined();
  });
});

describe("carrying a translation forward", () => {
  it("keeps unchanged clauses and marks changed and new ones to translate", async () => {
    const sam = who("sam");
    const manager = await requireReleaseManager(test.db, sam, later());
    const { callNumber } = await prepareRelease(
      test.db,
      manager,
      standardId,
      { version: "1.2.0", notes: "What was adopted since 1.1.0." },
      clock,
    );
    await agree(callNumber);
    const previous = await getRelease(test.db, "iotmark", "1.1.0");
    const next = await getRelease(test.db, "iotmark", "1.2.0");
    if (!previous || !next) throw new Error("releases missing");

    const started = await startTranslation(
      test.db,
      who("amara"),
      { releaseId: next.id, locale: "fr" },
      later(),
    );
    expect(started.carriedFrom).toBe("1.1.0");
    const view = await getTranslation(test.db, "iotmark", "1.2.0", "fr");
    expect(view?.carriedFromVersion).toBe("1.1.0");
    const before = new Map(previous.content.clauses.map((clause) => [clause.ref, clause]));
    const sameWords = (ref: string) => {
      const a = before.get(ref);
      const b = next.content.clauses.find((clause) => clause.ref === ref);
      return (
        a !== undefined &&
        b !== undefined &&
        a.title === b.title &&
        canonicalJson(a.body) === canonicalJson(b.body) &&
        canonicalJson(a.assessment) === canonicalJson(b.assessment) &&
        canonicalJson(a.examples) === canonicalJson(b.examples)
      );
    };
    const unchanged = next.content.clauses.filter((clause) => sameWords(clause.ref));
    const changed = next.content.clauses.filter((clause) => !sameWords(clause.ref));
    expect(unchanged.length).toBeGreaterThan(0);
    expect(changed.length).toBeGreaterThan(0);
    for (const clause of unchanged) {
      const text = view?.texts.get(clause.ref);
      expect(text?.needsTranslation, clause.ref).toBe(false);
      expect(text?.title).toBe(
        (
          await getTranslation(test.db, "iotmark", "1.1.0", "fr")
        )?.translation.content?.clauses.find((c) => c.ref === clause.ref)?.title,
      );
    }
    for (const clause of changed) {
      const text = view?.texts.get(clause.ref);
      if (before.has(clause.ref)) expect(text?.needsTranslation, clause.ref).toBe(true);
      else expect(text, clause.ref).toBeUndefined();
    }
    expect(view?.progress.missing).toEqual(changed.map((clause) => clause.ref));
  });
});

describe("a withdrawn release", () => {
  it("cannot be translated", async () => {
    const secretary = await requireSecretariat(test.db, who("sam"), "releases.withdraw");
    await withdrawRelease(
      test.db,
      secretary,
      await releaseId("1.0.0"),
      "Superseded and flawed.",
      later(),
    );
    expect(
      await refusalOf(
        startTranslation(
          test.db,
          who("piotr"),
          { releaseId: await releaseId("1.0.0"), locale: "fr" },
          later(),
        ),
      ),
    ).toBe("invalid_input locale=release_withdrawn");
  });
});
