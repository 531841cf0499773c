import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { calls } from "@/lib/decisions/schema";
import { getRelease, type ReleaseView } from "@/lib/releases/queries";
import { releases } from "@/lib/releases/schema";
import {
  isTranslationLocale,
  type TranslationLocale,
  translationLocales,
} from "@/lib/translations/content";
import { type Progress, progressOf, type StoredClauseTranslation } from "@/lib/translations/rules";
import { clauseTranslations, releaseTranslations } from "@/lib/translations/schema";

export type TranslationRow = typeof releaseTranslations.$inferSelect;
export type ClauseTranslationRow = typeof clauseTranslations.$inferSelect;

/** A translation's clause texts by reference. */
export async function clauseTranslationsOf(
  db: Executor,
  translationId: string,
): Promise<Map<string, StoredClauseTranslation & { updatedAt: Date }>> {
  const rows = await db
    .select()
    .from(clauseTranslations)
    .where(eq(clauseTranslations.translationId, translationId));
  return new Map(
    rows.map((row) => [
      row.ref,
      {
        title: row.title,
        body: row.body,
        assessment: row.assessment,
        examples: row.examples,
        needsTranslation: row.needsTranslation,
        updatedAt: row.updatedAt,
      },
    ]),
  );
}

/** The translations of a release, French before German. */
export async function translationsOfRelease(
  db: Executor,
  releaseId: string,
): Promise<Pick<TranslationRow, "id" | "locale" | "state">[]> {
  const rows = await db
    .select({
      id: releaseTranslations.id,
      locale: releaseTranslations.locale,
      state: releaseTranslations.state,
    })
    .from(releaseTranslations)
    .where(eq(releaseTranslations.releaseId, releaseId));
  const order = (row: { locale: TranslationLocale }) => translationLocales.indexOf(row.locale);
  return rows.sort((a, b) => order(a) - order(b));
}

export type TranslationView = {
  release: ReleaseView;
  translation: TranslationRow;
  locale: TranslationLocale;
  texts: Map<string, StoredClauseTranslation & { updatedAt: Date }>;
  progress: Progress;
  /** The latest call on it: the one deciding it now, or the one that adopted it. */
  call: { number: number; phase: string } | null;
  /** The version of the release whose translation it carried forward, if any. */
  carriedFromVersion: string | null;
};

/** One translation of one release, with everything its pages show; null when there is none. */
export async function getTranslation(
  db: Executor,
  slug: string,
  version: string,
  locale: string,
): Promise<TranslationView | null> {
  if (!isTranslationLocale(locale)) return null;
  const release = await getRelease(db, slug, version);
  if (!release) return null;
  const [translation] = await db
    .select()
    .from(releaseTranslations)
    .where(
      and(eq(releaseTranslations.releaseId, release.id), eq(releaseTranslations.locale, locale)),
    );
  if (!translation) return null;
  const [texts, [call], [carried]] = await Promise.all([
    clauseTranslationsOf(db, translation.id),
    db
      .select({ number: calls.number, phase: calls.phase })
      .from(calls)
      .where(eq(calls.translationId, translation.id))
      .orderBy(desc(calls.number))
      .limit(1),
    translation.carriedFrom
      ? db
          .select({ releaseId: releaseTranslations.releaseId })
          .from(releaseTranslations)
          .where(eq(releaseTranslations.id, translation.carriedFrom))
      : Promise.resolve([]),
  ]);
  const carriedFromVersion = carried
    ? (release.all.find((row) => row.id === carried.releaseId)?.version ?? null)
    : null;
  return {
    release,
    translation,
    locale,
    texts,
    progress: progressOf(release.content, texts),
    call: call ?? null,
    carriedFromVersion,
  };
}

/** What a call page says of the translation it decides on. */
export async function translationSummary(db: Executor, translationId: string) {
  const [row] = await db
    .select({ translation: releaseTranslations, release: releases })
    .from(releaseTranslations)
    .innerJoin(releases, eq(releases.id, releaseTranslations.releaseId))
    .where(eq(releaseTranslations.id, translationId));
  if (!row) return null;
  const progress = progressOf(
    row.release.content,
    await clauseTranslationsOf(db, row.translation.id),
  );
  return {
    locale: row.translation.locale,
    version: row.release.version,
    sha256: row.translation.sha256,
    translated: progress.translated,
    total: progress.total,
  };
}
