import { describe, expect, it } from "vitest";
import { translate } from "@/lib/i18n";
import type { ReleaseContent } from "@/lib/releases/content";
import { canonicalJson } from "@/lib/releases/content";
import {
  type ClauseTranslationText,
  isTranslationLocale,
  translatedContent,
  translationDigest,
} from "@/lib/translations/content";
import { translationMarkdown } from "@/lib/translations/export";
import {
  acceptsEdits,
  callRefusal,
  carryForward,
  isClauseTranslated,
  progressOf,
  type StoredClauseTranslation,
  startRefusal,
} from "@/lib/translations/rules";
import { clause, doc, release } from "@/tests/release-content";

const translated = (ref: string, overrides: Partial<StoredClauseTranslation> = {}) => ({
  title: `Titre de ${ref}`,
  body: doc(`Le fabricant DEVRAIT respecter ${ref}.`),
  assessment: doc(`Preuves pour ${ref}.`),
  examples: doc(),
  needsTranslation: false,
  ...overrides,
});

describe("startRefusal", () => {
  const base = { releaseWithdrawn: false, existingLocales: [] as string[] };
  it("lets a translation into French or German start", () => {
    expect(startRefusal({ ...base, locale: "fr" })).toBeNull();
    expect(startRefusal({ ...base, locale: "de", existingLocales: ["fr"] })).toBeNull();
  });
  it("refuses English, the original's language", () => {
    expect(startRefusal({ ...base, locale: "en" })).toBe("original_language");
  });
  it.each(["es", "", "FR", "fr-CH", "<script>"])("refuses the unknown language %j", (locale) => {
    expect(startRefusal({ ...base, locale })).toBe("invalid");
  });
  it("refuses a withdrawn release", () => {
    expect(startRefusal({ ...base, locale: "fr", releaseWithdrawn: true })).toBe(
      "release_withdrawn",
    );
  });
  it("refuses a second translation into the same language", () => {
    expect(startRefusal({ ...base, locale: "de", existingLocales: ["de"] })).toBe(
      "translation_exists",
    );
  });
  it("names the withdrawal before a duplicate", () => {
    expect(startRefusal({ locale: "fr", releaseWithdrawn: true, existingLocales: ["fr"] })).toBe(
      "release_withdrawn",
    );
  });
});

describe("isTranslationLocale", () => {
  it("knows French and German only", () => {
    expect(["fr", "de", "en", "es", 1, null].map(isTranslationLocale)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("acceptsEdits", () => {
  it("only while drafting", () => {
    expect(acceptsEdits("draft")).toBe(true);
    expect(acceptsEdits("in_call")).toBe(false);
    expect(acceptsEdits("published")).toBe(false);
  });
});

describe("isClauseTranslated", () => {
  const original = clause("SW-1", { examples: doc("An example.") });
  it("needs a translation", () => {
    expect(isClauseTranslated(original, undefined)).toBe(false);
  });
  it("needs every field the original fills", () => {
    expect(isClauseTranslated(original, translated("SW-1"))).toBe(false);
    expect(isClauseTranslated(original, translated("SW-1", { examples: doc("Un exemple.") }))).toBe(
      true,
    );
  });
  it("needs no examples when the original has none", () => {
    expect(isClauseTranslated(clause("SW-2"), translated("SW-2"))).toBe(true);
  });
  it("needs a title", () => {
    expect(isClauseTranslated(clause("SW-2"), translated("SW-2", { title: "  " }))).toBe(false);
  });
  it("counts an empty field as missing", () => {
    expect(
      isClauseTranslated(
        clause("SW-2"),
        translated("SW-2", { body: { type: "doc", content: [] } }),
      ),
    ).toBe(false);
  });
  it("is not translated while marked to translate", () => {
    expect(isClauseTranslated(clause("SW-2"), translated("SW-2", { needsTranslation: true }))).toBe(
      false,
    );
  });
});

describe("progressOf and callRefusal", () => {
  const content = release("1.0.0", [clause("SW-1"), clause("SW-2"), clause("HW-1")]);
  it("counts translated clauses and lists the others in release order", () => {
    const progress = progressOf(content, new Map([["SW-2", translated("SW-2")]]));
    expect(progress).toEqual({ translated: 1, total: 3, missing: ["SW-1", "HW-1"] });
    expect(callRefusal("draft", progress)).toBe("untranslated_clauses");
  });
  it("lets a call open once every clause is translated", () => {
    const all = new Map(content.clauses.map((c) => [c.ref, translated(c.ref)]));
    const progress = progressOf(content, all);
    expect(progress.missing).toEqual([]);
    expect(callRefusal("draft", progress)).toBeNull();
    expect(callRefusal("in_call", progress)).toBe("translation_closed");
    expect(callRefusal("published", progress)).toBe("translation_closed");
  });
  it("refuses a call on a release with no clauses", () => {
    expect(callRefusal("draft", progressOf(release("1.0.0", []), new Map()))).toBe(
      "untranslated_clauses",
    );
  });
});

describe("carryForward", () => {
  const previous = release("1.0.0", [
    clause("SW-1"),
    clause("SW-2"),
    clause("SW-3"),
    clause("SW-4"),
  ]);
  const next = release("1.1.0", [
    clause("SW-1"),
    clause("SW-2", { body: doc("The vendor MUST meet SW-2, now stricter.") }),
    clause("SW-3", { level: "gold", strength: "MUST" }),
    clause("SW-5"),
  ]);
  const earlier = new Map([
    ["SW-1", translated("SW-1")],
    ["SW-2", translated("SW-2")],
    ["SW-3", translated("SW-3")],
    ["SW-4", translated("SW-4")],
  ]);
  const carried = carryForward(previous, next, earlier);
  const byRef = new Map(carried.map((entry) => [entry.ref, entry]));

  it("follows the later release's clauses, dropping those it left out", () => {
    expect(carried.map((entry) => entry.ref)).toEqual(["SW-1", "SW-2", "SW-3", "SW-5"]);
  });
  it("keeps an unchanged clause's translation as translated", () => {
    expect(byRef.get("SW-1")).toEqual({
      ref: "SW-1",
      text: {
        title: "Titre de SW-1",
        body: translated("SW-1").body,
        assessment: translated("SW-1").assessment,
        examples: doc(),
      },
      needsTranslation: false,
    });
  });
  it("keeps a changed clause's old words as a start, marked to translate", () => {
    expect(byRef.get("SW-2")?.needsTranslation).toBe(true);
    expect(byRef.get("SW-2")?.text?.title).toBe("Titre de SW-2");
  });
  it("needs no translation when only the level or strength changed", () => {
    expect(byRef.get("SW-3")?.needsTranslation).toBe(false);
  });
  it("marks a new clause to translate, with nothing to start from", () => {
    expect(byRef.get("SW-5")).toEqual({ ref: "SW-5", text: null, needsTranslation: true });
  });
  it("marks a title change", () => {
    const renamed = release("1.1.0", [clause("SW-1", { title: "A new title" })]);
    expect(carryForward(previous, renamed, earlier)[0]?.needsTranslation).toBe(true);
  });
  it("keeps a clause still marked in the earlier translation marked", () => {
    const marked = new Map([["SW-1", translated("SW-1", { needsTranslation: true })]]);
    expect(carryForward(previous, next, marked)[0]?.needsTranslation).toBe(true);
  });
  it("starts empty a clause the earlier translation lacked", () => {
    expect(carryForward(previous, next, new Map())[0]).toEqual({
      ref: "SW-1",
      text: null,
      needsTranslation: true,
    });
  });
});

describe("translatedContent", () => {
  const original: ReleaseContent = release("1.1.0", [clause("SW-1"), clause("SW-2")]);
  const texts = new Map<string, ClauseTranslationText>(
    original.clauses.map((c) => {
      const { needsTranslation: _, ...text } = translated(c.ref);
      return [c.ref, text];
    }),
  );
  it("replaces each clause's words and keeps its structure", () => {
    const content = translatedContent(original, "ab".repeat(32), "fr", texts);
    expect(content.clauses.map((c) => c.title)).toEqual(["Titre de SW-1", "Titre de SW-2"]);
    expect(content.clauses.map((c) => [c.ref, c.level, c.strength, c.position])).toEqual(
      original.clauses.map((c) => [c.ref, c.level, c.strength, c.position]),
    );
    expect(content).toMatchObject({
      locale: "fr",
      translationOf: "1.1.0",
      originalSha256: "ab".repeat(32),
      version: "1.1.0",
    });
  });
  it("refuses a clause without translation", () => {
    expect(() => translatedContent(original, "x", "de", new Map())).toThrow(/SW-1/);
  });
  it("exports Markdown that opens by naming the authoritative original, in its own language", () => {
    const content = translatedContent(original, "ab".repeat(32), "fr", texts);
    const url = "https://hum.example/standards/iotmark/v/1.1.0";
    const markdown = translationMarkdown(content, url);
    const t = translate("translations", "fr");
    const preface = t("exportPreface", {
      language: t("languageNames.fr"),
      name: "IoTmark Principles",
      version: "1.1.0",
      url,
      digest: "ab".repeat(32),
    });
    expect(markdown.startsWith(`> ${preface}\n\n`)).toBe(true);
    expect(markdown).toContain("Titre de SW-1");
  });
  it("has a digest of its canonical JSON that changes with any word", () => {
    const content = translatedContent(original, "ab".repeat(32), "fr", texts);
    expect(translationDigest(content)).toMatch(/^[0-9a-f]{64}$/);
    expect(translationDigest(JSON.parse(canonicalJson(content)))).toBe(translationDigest(content));
    const other = translatedContent(original, "ab".repeat(32), "de", texts);
    expect(translationDigest(other)).not.toBe(translationDigest(content));
  });
});
