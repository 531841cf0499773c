import "server-only";
import { and, eq, gt, isNull, lte, or } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import type { GroupMember } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { hasConflict } from "@/lib/decisions/organisations";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { insertNotifications } from "@/lib/notifications/mutations";
import { declarationEditPath, declarationSubjectId } from "@/lib/paths";
import { isoDay, termFrom } from "@/lib/registry/publish";
import {
  declarationReviews,
  declarations,
  declarationVersions,
  organisations,
  representatives,
} from "@/lib/registry/schema";
import { markTermsOf } from "@/lib/registry/terms";
import { plainText } from "@/lib/validation";

/*
 * The advisory group's review of a declaration, where the charter asks for one: a member reads
 * the pending version clause by clause, comments, and approves it (it is listed) or asks for
 * changes (it goes back to its representatives as a draft; its published versions stay).
 */

export type Verdict = "approved" | "changes_requested";
export type ReviewInput = { verdict: Verdict; comments: Record<string, string> };

const comment = plainText(2000, { markup: true });

/** The field a comment is shown in: `comments.<ref>`, or `comment` for the whole. */
export const commentField = (ref: string) => (ref === "" ? "comment" : `comments.${ref}`);

export async function reviewDeclaration(
  db: Database,
  member: GroupMember<"advisory_group">,
  number: number,
  input: ReviewInput,
  now = new Date(),
): Promise<void> {
  if (input.verdict !== "approved" && input.verdict !== "changes_requested") {
    throw new DomainError("invalid_input", { verdict: "invalid" });
  }
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ declaration: declarations, organisation: organisations })
      .from(declarations)
      .innerJoin(organisations, eq(organisations.id, declarations.organisationId))
      .where(eq(declarations.number, number))
      .for("update", { of: declarations });
    if (!row) throw new DomainError("not_found");
    const { declaration, organisation } = row;
    if (declaration.state !== "pending_review") throw new DomainError("conflict");
    const [reviewer] = await tx.select().from(users).where(eq(users.id, member.id));
    if (reviewer && hasConflict(reviewer, [organisation.name])) {
      throw new DomainError("review_conflict");
    }
    const [version] = await tx
      .select({ body: declarationVersions.body })
      .from(declarationVersions)
      .where(
        and(
          eq(declarationVersions.declarationId, declaration.id),
          eq(declarationVersions.version, declaration.latestVersion),
        ),
      );
    if (!version) throw new DomainError("conflict");

    const refs = new Set(version.body.answers.map((answer) => answer.ref));
    const problems: FieldErrors = {};
    const comments: Record<string, string> = {};
    for (const [ref, text] of Object.entries(input.comments)) {
      if (ref !== "" && !refs.has(ref)) continue;
      const parsed = comment.safeParse(text);
      if (!parsed.success) problems[commentField(ref)] = "too_long";
      else if (parsed.data !== "") comments[ref] = parsed.data;
    }
    // Asking for changes without saying which would leave the representatives guessing.
    if (input.verdict === "changes_requested" && Object.keys(comments).length === 0) {
      problems.comment = "required";
    }
    if (Object.keys(problems).length > 0) throw new DomainError("invalid_input", problems);

    await tx.insert(declarationReviews).values({
      declarationId: declaration.id,
      version: declaration.latestVersion,
      reviewerId: member.id,
      verdict: input.verdict,
      comments,
      at: now,
    });
    const subjectId = declarationSubjectId(number);
    await recordAudit(tx, {
      at: now,
      actorId: member.id,
      action: "registry.declaration_reviewed",
      subjectType: "declaration",
      subjectId,
      details: { version: declaration.latestVersion, choice: input.verdict },
    });
    if (input.verdict === "approved") {
      const terms = await markTermsOf(tx, declaration.standardId);
      const term = termFrom(declaration, terms.listingTermMonths, now);
      await tx
        .update(declarations)
        .set({ state: "listed", stateReason: null, stateChangedAt: now, updatedAt: now, ...term })
        .where(eq(declarations.id, declaration.id));
      await recordAudit(tx, {
        at: now,
        actorId: member.id,
        action: "registry.declaration_listed",
        subjectType: "declaration",
        subjectId,
        details: { expires: isoDay(term.expiresAt) },
      });
    } else {
      await tx
        .update(declarations)
        .set({ state: "draft", stateChangedAt: now, updatedAt: now })
        .where(eq(declarations.id, declaration.id));
    }

    const current = await tx
      .select({ userId: representatives.userId })
      .from(representatives)
      .where(
        and(
          eq(representatives.organisationId, organisation.id),
          lte(representatives.startsAt, now),
          or(isNull(representatives.endsAt), gt(representatives.endsAt, now)),
        ),
      );
    await insertNotifications(
      tx,
      [...new Set(current.map((rep) => rep.userId))]
        .filter((userId) => userId !== member.id)
        .map((userId) => ({ userId, watchId: null, kind: "declaration_reviewed" as const })),
      {
        actorId: member.id,
        subject: `${declaration.productName ?? subjectId} · ${subjectId}`,
        path: declarationEditPath(number),
        excerpt: comments[""] ?? "",
        at: now,
      },
    );
  });
}
