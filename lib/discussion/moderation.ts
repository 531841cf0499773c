import { and, inArray, isNotNull, or } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { comments } from "@/lib/discussion/schema";

/**
 * The one moderation check for text shown outside its thread (a position's reason, an inbox
 * excerpt, an audit entry): a comment's words are public only while it is neither hidden by the
 * advisory group nor deleted by its author.
 */
export function isPublicComment(comment: { hiddenAt: Date | null; deletedAt: Date | null }) {
  return comment.hiddenAt === null && comment.deletedAt === null;
}

export type CommentText = { authorId: string; body: string; public: boolean };

/** Comments by id, with whether their text may be shown to the public. */
export async function commentTexts(
  db: Executor,
  ids: (string | null | undefined)[],
): Promise<Map<string, CommentText>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({
      id: comments.id,
      authorId: comments.authorId,
      body: comments.body,
      hiddenAt: comments.hiddenAt,
      deletedAt: comments.deletedAt,
    })
    .from(comments)
    .where(inArray(comments.id, wanted));
  return new Map(
    rows.map((row) => [
      row.id,
      { authorId: row.authorId, body: row.body, public: isPublicComment(row) },
    ]),
  );
}

/** The key `withdrawnCopies` answers with: who wrote the words, and the words. */
export const copyKey = (authorId: string, body: string) => `${authorId}\u0000${body}`;

/**
 * For records written before they named their comment (old audit entries and positions that
 * copied a reason): which of these (author, words) pairs match a comment that is now hidden or
 * deleted, and so must not be shown either.
 */
export async function withdrawnCopies(
  db: Executor,
  copies: { authorId: string; body: string }[],
): Promise<Set<string>> {
  if (copies.length === 0) return new Set();
  const rows = await db
    .select({ authorId: comments.authorId, body: comments.body })
    .from(comments)
    .where(
      and(
        or(isNotNull(comments.hiddenAt), isNotNull(comments.deletedAt)),
        inArray(comments.authorId, [...new Set(copies.map((copy) => copy.authorId))]),
        inArray(comments.body, [...new Set(copies.map((copy) => copy.body))]),
      ),
    );
  return new Set(rows.map((row) => copyKey(row.authorId, row.body)));
}
