import { sameJson } from "@/lib/drafting/same-json";
import type { ReleaseClause, ReleaseContent } from "@/lib/releases/content";
import {
  type ClauseTranslationText,
  isTranslationLocale,
  type TranslationLocale,
} from "@/lib/translations/content";

/*
 * The rules of community translations, apart from I/O: who may start one, when a clause counts
 * as translated, when a call may adopt the whole, and what an earlier translation hands on to
 * the translation of a later release.
 */

export type TranslationState = "draft" | "in_call" | "published";

/** Why a translation cannot be started; each is a field error of the `locale` field. */
export type StartRefusal =
  | "original_language"
  | "invalid"
  | "release_withdrawn"
  | "translation_exists";

/**
 * Whether a translation of a release into `locale` may start: not into English (the original),
 * not into a language Hum does not offer, not of a withdrawn release, not a second one.
 */
export function startRefusal(input: {
  locale: string;
  releaseWithdrawn: boolean;
  existingLocales: readonly string[];
}): StartRefusal | null {
  if (input.locale === "en") return "original_language";
  if (!isTranslationLocale(input.locale)) return "invalid";
  if (input.releaseWithdrawn) return "release_withdrawn";
  if (input.existingLocales.includes(input.locale)) return "translation_exists";
  return null;
}

/** Only a translation being drafted takes new words: a call decides fixed text, a publication is final. */
export function acceptsEdits(state: TranslationState): boolean {
  return state === "draft";
}

const isEmpty = (text: ClauseTranslationText["body"]) => !text.content?.length;

/** A stored clause translation, with whether it still waits for (re)translation. */
export type StoredClauseTranslation = ClauseTranslationText & { needsTranslation: boolean };

/**
 * A clause is translated when its translation is not marked to translate, has a title, and fills
 * every field the original fills (an original without examples needs none).
 */
export function isClauseTranslated(
  original: Pick<ReleaseClause, "body" | "assessment" | "examples">,
  translation: StoredClauseTranslation | undefined,
): boolean {
  if (!translation || translation.needsTranslation) return false;
  if (translation.title.trim() === "") return false;
  return (["body", "assessment", "examples"] as const).every(
    (field) => isEmpty(original[field]) || !isEmpty(translation[field]),
  );
}

export type Progress = { translated: number; total: number; missing: string[] };

/** How far a translation has come: clauses translated, of how many, and which remain (release order). */
export function progressOf(
  original: ReleaseContent,
  translations: ReadonlyMap<string, StoredClauseTranslation>,
): Progress {
  const missing = original.clauses
    .filter((clause) => !isClauseTranslated(clause, translations.get(clause.ref)))
    .map((clause) => clause.ref);
  return {
    translated: original.clauses.length - missing.length,
    total: original.clauses.length,
    missing,
  };
}

/** Why a call to adopt a translation cannot open, or null when it may. */
export function callRefusal(
  state: TranslationState,
  progress: Progress,
): "translation_closed" | "untranslated_clauses" | null {
  if (state !== "draft") return "translation_closed";
  if (progress.total === 0 || progress.missing.length > 0) return "untranslated_clauses";
  return null;
}

/** The words a translation renders: those of the clause's title and three fields. */
function sameWords(a: ReleaseClause, b: ReleaseClause): boolean {
  return (
    a.title === b.title &&
    sameJson(a.body, b.body) &&
    sameJson(a.assessment, b.assessment) &&
    sameJson(a.examples, b.examples)
  );
}

export type CarriedClause = {
  ref: string;
  /** The earlier translation's words, kept as they were, or as a start for the translator. */
  text: ClauseTranslationText | null;
  needsTranslation: boolean;
};

/**
 * What a translation of `next` keeps from a translation of `previous`: a clause whose words did
 * not change keeps its translation as it was (still to translate if it was then); a changed
 * clause keeps the old translation as a starting point, marked to translate; a new clause, or
 * one the earlier translation lacked, starts empty and marked. A change of level, strength or
 * module alone changes no words and needs no translation. Clauses left out of `next` are dropped.
 */
export function carryForward(
  previous: ReleaseContent,
  next: ReleaseContent,
  translations: ReadonlyMap<string, StoredClauseTranslation>,
): CarriedClause[] {
  const before = new Map(previous.clauses.map((clause) => [clause.ref, clause]));
  return next.clauses.map((clause) => {
    const old = before.get(clause.ref);
    const translation = translations.get(clause.ref);
    if (!old || !translation) return { ref: clause.ref, text: null, needsTranslation: true };
    const { needsTranslation, ...text } = translation;
    return {
      ref: clause.ref,
      text,
      needsTranslation: needsTranslation || !sameWords(old, clause),
    };
  });
}

export type { TranslationLocale };
