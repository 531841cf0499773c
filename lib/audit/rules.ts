import { z } from "zod";

/** The first part of every action name; the transparency page filters on these. */
export const auditCategories = [
  "auth",
  "access",
  "community",
  "drafting",
  "discussion",
  "decisions",
  "releases",
  "registry",
  "reviews",
] as const;

export type AuditCategory = (typeof auditCategories)[number];

/**
 * Every action the log records, named `category.what_happened`; the catalogue words each as a
 * sentence under `transparency.sentences`, with the entry's public details as its arguments.
 * Entries already written keep whatever name they were given.
 */
export const auditActions = [
  "auth.signed_in",
  "auth.signed_out",
  "auth.sign_in_refused",
  "access.refused",
  "community.joined",
  "community.profile_updated",
  "community.member_appointed",
  "community.membership_ended",
  "community.secretariat_granted",
  "community.secretariat_revoked",
  "drafting.standard_created",
  "drafting.clause_added",
  "drafting.clause_changed",
  "drafting.clause_moved",
  "drafting.clause_retired",
  "drafting.revision_saved",
  "drafting.standard_imported",
  "drafting.later_text_imported",
  "drafting.revision_restored",
  "drafting.section_added",
  "drafting.section_renamed",
  "drafting.section_moved",
  "drafting.section_revision_saved",
  "drafting.section_retired",
  "drafting.framework_added",
  "drafting.mapping_added",
  "drafting.mapping_removed",
  "discussion.thread_opened",
  "discussion.objection_raised",
  "discussion.replied",
  "discussion.thread_resolved",
  "discussion.thread_reopened",
  "discussion.comment_hidden",
  "discussion.objection_withdrawn",
  "discussion.objection_sustained",
  "decisions.call_opened",
  "decisions.position_taken",
  "decisions.position_reason_hidden",
  "decisions.consensus",
  "decisions.partly_adopted",
  "decisions.change_escalated",
  "decisions.escalated_to_ag",
  "decisions.withdrawn",
  "decisions.vote_cast",
  "decisions.recused",
  "decisions.ag_decided",
  "decisions.escalated_to_sc",
  "decisions.appealed",
  "decisions.ag_decision_final",
  "decisions.sc_ruled",
  "decisions.charter_changed",
  "decisions.revision_adopted",
  "decisions.section_adopted",
  "decisions.clause_retired",
  "decisions.clause_restored",
  "decisions.clause_moved",
  "decisions.section_retired",
  "releases.published",
  "releases.withdrawn",
  "releases.translation_started",
  "releases.clause_translated",
  "releases.translation_published",
  "registry.organisation_registered",
  "registry.representative_invited",
  "registry.representative_added",
  "registry.representative_ended",
  "registry.domain_verified",
  "registry.declaration_published",
  "registry.declaration_reaffirmed",
  "registry.declaration_reviewed",
  "registry.declaration_listed",
  "registry.declaration_withdrawn",
  "registry.declaration_lapsed",
  "registry.transition_ended",
  "registry.organisation_updated",
  "registry.challenge_filed",
  "registry.misuse_reported",
  "registry.challenge_responded",
  "registry.challenge_withdrawn",
  "registry.challenge_escalated_to_ag",
  "registry.challenge_vote_cast",
  "registry.challenge_recused",
  "registry.challenge_ag_decided",
  "registry.challenge_escalated_to_sc",
  "registry.challenge_appealed",
  "registry.challenge_decision_final",
  "registry.challenge_sc_ruled",
  "registry.declaration_struck_off",
  "registry.relisting_leave_granted",
  "reviews.survey_created",
  "reviews.survey_opened",
  "reviews.survey_closed",
  "reviews.results_published",
  "reviews.review_opened",
  "reviews.conclusions_proposed",
  "reviews.concluded",
] as const satisfies readonly `${AuditCategory}.${string}`[];

export type AuditAction = (typeof auditActions)[number];

const knownActions: ReadonlySet<string> = new Set(auditActions);

/** Whether an action read from the log is one Hum records today (and so has a sentence). */
export function isAuditAction(action: string): action is AuditAction {
  return knownActions.has(action);
}

/** What an entry can be about; the catalogue names each under `transparency.subjects`. */
export const auditSubjectTypes = [
  "user",
  "sign_in",
  "action",
  "standard",
  "clause",
  "section",
  "comment",
  "position_reason",
  "call",
  "charter",
  "release",
  "organisation",
  "declaration",
  "challenge",
  "survey",
  "review",
] as const;

export type AuditSubjectType = (typeof auditSubjectTypes)[number];

const knownSubjectTypes: ReadonlySet<string> = new Set(auditSubjectTypes);

export function isAuditSubjectType(type: string): type is AuditSubjectType {
  return knownSubjectTypes.has(type);
}

const optionalParam = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (Array.isArray(value) ? value[0] : value) || undefined);

/** Query-string filters for the public log; anything malformed is dropped, not an error. */
export const auditFilterSchema = z.object({
  action: optionalParam.pipe(
    z
      .string()
      .regex(/^[a-z_]+\.([a-z_]+)?$/)
      .optional()
      .catch(undefined),
  ),
  subjectType: optionalParam.pipe(
    z
      .string()
      .regex(/^[a-z_]{1,40}$/)
      .optional()
      .catch(undefined),
  ),
  before: optionalParam.pipe(
    z
      .string()
      .regex(/^[1-9]\d{0,14}$/)
      .transform(Number)
      .optional()
      .catch(undefined),
  ),
});

export type AuditDetails = Record<string, string | number | boolean | null>;

/**
 * The detail keys the public log shows. Anything else is left out, so a key added without
 * thought never publishes free text by accident; the log's sentences may name these keys and no
 * others (tests/unit/catalogue.test.ts). A comment's words are never among them: entries name
 * the comment (`comment`), and the page shows its words only while moderation allows.
 */
export const publicDetailKeys = [
  // the access token a program used, by the name its owner gave it (lib/audit/via.ts)
  "token",
  // structure: what, which, when
  "stance",
  "previously",
  "kind",
  "stage",
  "choice",
  "phase",
  "appeal",
  "positions",
  "objections",
  "adopted",
  "held",
  "thread",
  "call",
  "revision",
  "restored",
  "membership",
  "declaration",
  "group",
  "role",
  "startsOn",
  "endsOn",
  "closes",
  "standard",
  "module",
  "level",
  "strength",
  "direction",
  "clauses",
  "digest",
  "method",
  "commentPeriodDays",
  "quorum",
  "agDeadlineDays",
  "appealWindowDays",
  "listingTermMonths",
  "transitionDays",
  "declarationReview",
  "framework",
  "version",
  "provision",
  "relationship",
  "domain",
  "product",
  "expires",
  "challenge",
  "response",
  "party",
  "challengeResponseDays",
  "challengeOnBadge",
  "relistingBanDays",
  "language",
  /** A clause's reference, as a translation names the clause it translated. */
  "ref",
  // words written for the record itself, never hidden: titles, names, rationales, and the
  // reasons given for resolving, hiding, withdrawing or refusing
  "title",
  "name",
  "affiliation",
  "organisations",
  "rationale",
  "note",
  "reason",
] as const;

export type PublicDetailKey = (typeof publicDetailKeys)[number];

const shownKeys: ReadonlySet<string> = new Set(publicDetailKeys);

/**
 * An entry written before entries named their comment or reason: a position's words, copied (an
 * objection's, or any other stand's).
 */
export function copiedCommentText(entry: { action: string; details: AuditDetails }): string | null {
  const { reason } = entry.details;
  const positionTaken: AuditAction = "decisions.position_taken";
  return entry.action === positionTaken && typeof reason === "string" ? reason : null;
}

export type CommentCheck = {
  /** The words of a comment, or null when they are hidden, deleted or unknown. */
  words: (commentId: string) => string | null;
  /** The words of a position's reason, or null when they are hidden or unknown. */
  reasonWords: (reasonId: string) => string | null;
  /** Whether copied words match a comment that is now hidden or deleted. */
  withdrawn: (authorId: string | null, words: string) => boolean;
};

/**
 * What the public log shows of an entry's details: the shown keys only, and a comment's or a
 * position reason's words (named, or copied by an old entry) only while moderation allows; `hiddenText` says when
 * something was left out for that reason.
 */
export function publicDetails(
  entry: { action: string; actorId: string | null; details: AuditDetails },
  check: CommentCheck,
): { details: AuditDetails; hiddenText: boolean } {
  const details: AuditDetails = {};
  let hiddenText = false;
  for (const [key, value] of Object.entries(entry.details)) {
    if (shownKeys.has(key)) details[key] = value;
  }
  const copied = copiedCommentText(entry);
  if (copied !== null && check.withdrawn(entry.actorId, copied)) {
    delete details.reason;
    hiddenText = true;
  }
  const named: [unknown, (id: string) => string | null][] = [
    [entry.details.comment, check.words],
    [entry.details.positionReason, check.reasonWords],
  ];
  for (const [id, wordsOf] of named) {
    if (typeof id !== "string") continue;
    const words = wordsOf(id);
    if (words === null) hiddenText = true;
    else details.reason = words;
  }
  return { details, hiddenText };
}
