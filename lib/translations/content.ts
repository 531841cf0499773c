import { createHash } from "node:crypto";
import type { RichText } from "@/lib/drafting/rich-text";
import { canonicalJson, type ReleaseContent } from "@/lib/releases/content";

/** The languages a release may be translated into; the original is always English. */
export const translationLocales = ["fr", "de"] as const;
export type TranslationLocale = (typeof translationLocales)[number];

/** Each language's name in itself, as a reader looking for their language expects to find it. */
export const languageEndonyms: Record<TranslationLocale, string> = {
  fr: "Français",
  de: "Deutsch",
};

export function isTranslationLocale(value: unknown): value is TranslationLocale {
  return typeof value === "string" && (translationLocales as readonly string[]).includes(value);
}

/** The words of one clause in a translation; structure (module, level, strength) stays the original's. */
export type ClauseTranslationText = {
  title: string;
  body: RichText;
  assessment: RichText;
  examples: RichText;
};

/**
 * A published translation: the release's content with each clause's words translated, and what
 * it translates, so the file alone says which original is authoritative and how to check it.
 */
export type TranslationContent = ReleaseContent & {
  locale: TranslationLocale;
  /** The version of the release translated. */
  translationOf: string;
  /** The SHA-256 of the original release's canonical JSON. */
  originalSha256: string;
};

/**
 * The translated release: every clause's title and text replaced by its translation. Names of
 * modules and levels, notes and prose sections stay in the original's words.
 */
export function translatedContent(
  original: ReleaseContent,
  originalSha256: string,
  locale: TranslationLocale,
  texts: ReadonlyMap<string, ClauseTranslationText>,
): TranslationContent {
  return {
    ...original,
    clauses: original.clauses.map((clause) => {
      const text = texts.get(clause.ref);
      if (!text) throw new Error(`clause ${clause.ref} has no translation`);
      return {
        ...clause,
        title: text.title,
        body: text.body,
        assessment: text.assessment,
        examples: text.examples,
      };
    }),
    locale,
    translationOf: original.version,
    originalSha256,
  };
}

/** SHA-256 (hex) of a translation's canonical JSON, as its JSON export lets anyone recompute. */
export function translationDigest(content: TranslationContent): string {
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
}
