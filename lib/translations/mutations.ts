import "server-only";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Participant } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import { emptyRichText } from "@/lib/drafting/rich-text";
import { standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { callSubjectId, releaseSubjectId } from "@/lib/paths";
import { enforceLimit } from "@/lib/rate-limit";
import { contentDigest } from "@/lib/releases/content";
import { releases, releaseWithdrawals } from "@/lib/releases/schema";
import { isLaterVersion } from "@/lib/releases/versions";
import {
  type ClauseTranslationText,
  type TranslationLocale,
  translatedContent,
  translationDigest,
} from "@/lib/translations/content";
import { clauseTranslationsOf } from "@/lib/translations/queries";
import {
  acceptsEdits,
  type CarriedClause,
  callRefusal,
  carryForward,
  progressOf,
  startRefusal,
} from "@/lib/translations/rules";
import { clauseTranslations, releaseTranslations } from "@/lib/translations/schema";

/** A release with what translating it needs: its standard's slug, whether it is withdrawn. */
async function releaseOf(tx: Transaction, releaseId: string) {
  const [row] = await tx
    .select({ release: releases, slug: standards.slug, withdrawn: releaseWithdrawals.releaseId })
    .from(releases)
    .innerJoin(standards, eq(standards.id, releases.standardId))
    .leftJoin(releaseWithdrawals, eq(releaseWithdrawals.releaseId, releases.id))
    .where(eq(releases.id, releaseId));
  if (!row) throw new DomainError("not_found");
  return { ...row.release, slug: row.slug, withdrawn: row.withdrawn !== null };
}

/** A translation locked for the caller's transaction, with its release. */
export async function lockTranslation(tx: Transaction, translationId: string) {
  const [translation] = await tx
    .select()
    .from(releaseTranslations)
    .where(eq(releaseTranslations.id, translationId))
    .for("update");
  if (!translation) throw new DomainError("not_found");
  return { translation, release: await releaseOf(tx, translation.releaseId) };
}

/**
 * The newest translation into the same language of an earlier release of the same standard, to
 * carry forward: published ones first, as their words were adopted.
 */
async function earlierTranslation(
  tx: Transaction,
  release: { standardId: string; version: string },
  locale: TranslationLocale,
) {
  const rows = await tx
    .select({ translation: releaseTranslations, release: releases })
    .from(releaseTranslations)
    .innerJoin(releases, eq(releases.id, releaseTranslations.releaseId))
    .where(
      and(eq(releases.standardId, release.standardId), eq(releaseTranslations.locale, locale)),
    );
  const earlier = rows.filter((row) => isLaterVersion(release.version, row.release.version));
  earlier.sort(
    (a, b) =>
      Number(b.translation.state === "published") - Number(a.translation.state === "published") ||
      (isLaterVersion(b.release.version, a.release.version) ? 1 : -1),
  );
  return earlier[0] ?? null;
}

/**
 * Anyone signed in starts a translation of a release into French or German: not of a withdrawn
 * release, not a second one into the same language. When an earlier release has a translation
 * into that language, its clauses whose original words did not change are carried forward.
 */
export async function startTranslation(
  db: Database,
  translator: Participant,
  input: { releaseId: string; locale: string },
  now = new Date(),
): Promise<{ id: string; locale: TranslationLocale; carriedFrom: string | null }> {
  return db.transaction(async (tx) => {
    await enforceLimit(tx, "drafting", translator.id, now);
    const release = await releaseOf(tx, input.releaseId);
    const existing = await tx
      .select({ locale: releaseTranslations.locale })
      .from(releaseTranslations)
      .where(eq(releaseTranslations.releaseId, release.id));
    const refusal = startRefusal({
      locale: input.locale,
      releaseWithdrawn: release.withdrawn,
      existingLocales: existing.map((row) => row.locale),
    });
    if (refusal) throw new DomainError("invalid_input", { locale: refusal });
    const locale = input.locale as TranslationLocale;
    const earlier = await earlierTranslation(tx, release, locale);
    const [created] = await tx
      .insert(releaseTranslations)
      .values({
        releaseId: release.id,
        locale,
        startedBy: translator.id,
        startedAt: now,
        updatedAt: now,
        carriedFrom: earlier?.translation.id ?? null,
      })
      // Two people starting the same language at once: the unique key lets one through.
      .onConflictDoNothing()
      .returning({ id: releaseTranslations.id });
    if (!created) throw new DomainError("invalid_input", { locale: "translation_exists" });
    const carried: CarriedClause[] = earlier
      ? carryForward(
          earlier.release.content,
          release.content,
          await clauseTranslationsOf(tx, earlier.translation.id),
        )
      : [];
    const kept = carried.filter((clause) => clause.text !== null);
    if (kept.length > 0) {
      await tx.insert(clauseTranslations).values(
        kept.map((clause) => ({
          translationId: created.id,
          ref: clause.ref,
          title: clause.text?.title ?? "",
          body: clause.text?.body ?? emptyRichText(),
          assessment: clause.text?.assessment ?? emptyRichText(),
          examples: clause.text?.examples ?? emptyRichText(),
          translatedBy: null,
          updatedAt: now,
          needsTranslation: clause.needsTranslation,
        })),
      );
    }
    await recordAudit(tx, {
      at: now,
      actorId: translator.id,
      action: "releases.translation_started",
      subjectType: "release",
      subjectId: releaseSubjectId(release.slug, release.version),
      details: { language: locale, version: earlier?.release.version ?? null },
    });
    return { id: created.id, locale, carriedFrom: earlier?.release.version ?? null };
  });
}

/**
 * A participant translates one clause of a translation being drafted. The words were checked
 * by `clauseTranslationSchema` (fields.ts), the schema and sanitizer of original clause text.
 */
export async function translateClause(
  db: Database,
  translator: Participant,
  input: { translationId: string; ref: string; text: ClauseTranslationText },
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    await enforceLimit(tx, "drafting", translator.id, now);
    const { translation, release } = await lockTranslation(tx, input.translationId);
    if (!acceptsEdits(translation.state)) {
      throw new DomainError("invalid_input", { translation: "translation_closed" });
    }
    if (!release.content.clauses.some((clause) => clause.ref === input.ref)) {
      throw new DomainError("invalid_input", { ref: "unknown_clause" });
    }
    const row = {
      ...input.text,
      translatedBy: translator.id,
      updatedAt: now,
      needsTranslation: false,
    };
    await tx
      .insert(clauseTranslations)
      .values({ translationId: translation.id, ref: input.ref, ...row })
      .onConflictDoUpdate({
        target: [clauseTranslations.translationId, clauseTranslations.ref],
        set: row,
      });
    await tx
      .update(releaseTranslations)
      .set({ updatedAt: now })
      .where(eq(releaseTranslations.id, translation.id));
    await recordAudit(tx, {
      at: now,
      actorId: translator.id,
      action: "releases.clause_translated",
      subjectType: "release",
      subjectId: releaseSubjectId(release.slug, release.version),
      details: { language: translation.locale, ref: input.ref },
    });
  });
}

/**
 * Freezes a complete translation for the call that may adopt it, in the call's transaction;
 * refused while any clause is untranslated or another call holds it.
 */
export async function freezeForCall(tx: Transaction, translationId: string) {
  const { translation, release } = await lockTranslation(tx, translationId);
  const progress = progressOf(release.content, await clauseTranslationsOf(tx, translation.id));
  const refusal = callRefusal(translation.state, progress);
  if (refusal) throw new DomainError("invalid_input", { translation: refusal });
  await tx
    .update(releaseTranslations)
    .set({ state: "in_call" })
    .where(eq(releaseTranslations.id, translation.id));
  return { translation, release };
}

/** A call on the translation ended without adopting it: it is drafted again. */
export async function reopenTranslation(tx: Transaction, translationId: string): Promise<void> {
  await tx
    .update(releaseTranslations)
    .set({ state: "draft" })
    .where(
      and(eq(releaseTranslations.id, translationId), eq(releaseTranslations.state, "in_call")),
    );
}

/**
 * Publishes the translation an adopted call decided on, in the call's transaction: the release's
 * content with the translated words, what it translates and the original's digest, hashed in
 * canonical JSON. The original is hashed again first, so the translation vouches for the right one.
 */
export async function publishTranslation(
  tx: Transaction,
  call: { number: number; slug: string; translationId: string | null },
  now: Date,
): Promise<void> {
  if (!call.translationId) throw new Error(`call ${call.number} has no translation`);
  const { translation, release } = await lockTranslation(tx, call.translationId);
  if (translation.state !== "in_call") {
    throw new Error(`translation of call ${call.number} is ${translation.state}`);
  }
  const originalSha256 = contentDigest(release.content);
  if (originalSha256 !== release.digest) {
    throw new Error(`release ${release.version} does not match its digest`);
  }
  const texts = await clauseTranslationsOf(tx, translation.id);
  const content = translatedContent(release.content, originalSha256, translation.locale, texts);
  const sha256 = translationDigest(content);
  await tx
    .update(releaseTranslations)
    .set({ state: "published", content, sha256, publishedAt: now, updatedAt: now })
    .where(eq(releaseTranslations.id, translation.id));
  await recordAudit(tx, {
    at: now,
    actorId: null,
    action: "releases.translation_published",
    subjectType: "release",
    subjectId: releaseSubjectId(release.slug, release.version),
    details: {
      language: translation.locale,
      digest: sha256,
      call: callSubjectId(call.slug, call.number),
    },
  });
}
