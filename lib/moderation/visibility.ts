import "server-only";
import { and, inArray, isNotNull, or } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { positionReasons } from "@/lib/decisions/schema";
import { comments } from "@/lib/discussion/schema";

/**
 * The one moderation check for text shown outside its thread (an objection's reason, an inbox
 * excerpt, an audit entry): a comment's words are public only while it is neither hidden by the
 * advisory group nor deleted by its author.
 */
export function isPublicComment(comment: { hiddenAt: Date | null; deletedAt: Date | null }) {
  return comment.hiddenAt === null && comment.deletedAt === null;
}

export type CommentText = { authorId: string; body: string; public: boolean };

/** The distinct ids given, without the empty ones. */
const presentIds = (ids: (string | null | undefined)[]) => [
  ...new Set(ids.filter((id): id is string => Boolean(id))),
];

/** A text's words, keyed by its id, with whether the public may read them. */
const byId = (rows: (CommentText & { id: string })[]) =>
  new Map(
    rows.map((row) => [row.id, { authorId: row.authorId, body: row.body, public: row.public }]),
  );

/** Comments by id, with whether their text may be shown to the public. */
export async function commentTexts(
  db: Executor,
  ids: (string | null | undefined)[],
): Promise<Map<string, CommentText>> {
  const wanted = presentIds(ids);
  if (wanted.length === 0) return new Map();
  const rows = await db.select().from(comments).where(inArray(comments.id, wanted));
  return byId(rows.map((row) => ({ ...row, public: isPublicComment(row) })));
}

/** Position reasons (other than objections') by id, with whether they may be shown. */
export async function positionReasonTexts(
  db: Executor,
  ids: (string | null | undefined)[],
): Promise<Map<string, CommentText>> {
  const wanted = presentIds(ids);
  if (wanted.length === 0) return new Map();
  const rows = await db.select().from(positionReasons).where(inArray(positionReasons.id, wanted));
  return byId(rows.map((row) => ({ ...row, public: row.hiddenAt === null })));
}

/** The key `withdrawnCopies` answers with: who wrote the words, and the words. */
export const copyKey = (authorId: string, body: string) => `${authorId}\u0000${body}`;

/**
 * For records written before they named their comment or reason (old audit entries and
 * positions that copied a reason): which of these (author, words) pairs match a comment or a
 * position reason that is now hidden (or deleted), and so must not be shown either.
 */
export async function withdrawnCopies(
  db: Executor,
  copies: { authorId: string; body: string }[],
): Promise<Set<string>> {
  if (copies.length === 0) return new Set();
  const authors = [...new Set(copies.map((copy) => copy.authorId))];
  const bodies = [...new Set(copies.map((copy) => copy.body))];
  const [hiddenComments, hiddenReasons] = await Promise.all([
    db
      .select({ authorId: comments.authorId, body: comments.body })
      .from(comments)
      .where(
        and(
          or(isNotNull(comments.hiddenAt), isNotNull(comments.deletedAt)),
          inArray(comments.authorId, authors),
          inArray(comments.body, bodies),
        ),
      ),
    // A supporter's reason copied by an old entry is hidden with its position reason.
    db
      .select({ authorId: positionReasons.authorId, body: positionReasons.body })
      .from(positionReasons)
      .where(
        and(
          isNotNull(positionReasons.hiddenAt),
          inArray(positionReasons.authorId, authors),
          inArray(positionReasons.body, bodies),
        ),
      ),
  ]);
  return new Set(
    [...hiddenComments, ...hiddenReasons].map((row) => copyKey(row.authorId, row.body)),
  );
}
