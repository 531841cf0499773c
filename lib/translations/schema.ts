import {
  type AnyPgColumn,
  boolean,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import type { RichText } from "@/lib/drafting/rich-text";
import { releases } from "@/lib/releases/schema";
import type { TranslationContent } from "@/lib/translations/content";

const at = (name: string) => timestamp(name, { mode: "date", withTimezone: true });

/** The languages a release may be translated into: every interface language but the original. */
export const translationLocale = pgEnum("translation_locale", ["fr", "de"]);
/** Being translated, decided on by a call (its text frozen), or published and never changed. */
export const translationState = pgEnum("translation_state", ["draft", "in_call", "published"]);

/**
 * A community translation of one release into one language. Once published it carries its own
 * immutable content and digest; the database refuses to change a published row.
 */
export const releaseTranslations = pgTable(
  "release_translation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    releaseId: uuid("release_id")
      .notNull()
      .references(() => releases.id),
    locale: translationLocale("locale").notNull(),
    state: translationState("state").notNull().default("draft"),
    startedBy: text("started_by")
      .notNull()
      .references(() => users.id),
    startedAt: at("started_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    /** The translation of an earlier release whose unchanged clauses this one kept. */
    carriedFrom: uuid("carried_from").references((): AnyPgColumn => releaseTranslations.id),
    /** Set on publication: the translated release, its canonical JSON's SHA-256 and when. */
    content: jsonb("content").$type<TranslationContent>(),
    sha256: text("sha256"),
    publishedAt: at("published_at"),
  },
  (translation) => [
    unique("release_translation_locale_unique").on(translation.releaseId, translation.locale),
  ],
);

/** One clause's translated text, in the same rich-text shape as the original's fields. */
export const clauseTranslations = pgTable(
  "clause_translation",
  {
    translationId: uuid("translation_id")
      .notNull()
      .references(() => releaseTranslations.id),
    ref: text("ref").notNull(),
    title: text("title").notNull().default(""),
    body: jsonb("body").$type<RichText>().notNull(),
    assessment: jsonb("assessment").$type<RichText>().notNull(),
    examples: jsonb("examples").$type<RichText>().notNull(),
    translatedBy: text("translated_by").references(() => users.id),
    updatedAt: at("updated_at").notNull(),
    /** New, or its original changed since the text was carried forward: to translate (again). */
    needsTranslation: boolean("needs_translation").notNull().default(true),
  },
  (row) => [primaryKey({ columns: [row.translationId, row.ref] })],
);
