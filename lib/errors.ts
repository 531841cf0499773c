/**
 * Refusals of the decision rules (lib/decisions/rules.ts), each with its own explanation. The
 * rules refuse with these and with `rationale_required`, which reaches people as a field error.
 */
export const refusalCodes = [
  "call_not_open",
  "call_not_due",
  "call_final",
  "not_proposer",
  "wrong_stage",
  "not_member",
  "already_voted",
  "must_recuse",
  "appeal_window_closed",
  "deadline_passed",
  "no_position",
  // challenges to declarations
  "challenge_final",
  "response_closed",
  "not_cured",
  "too_late_to_withdraw",
  "verdict_unavailable",
] as const;

/**
 * The one error vocabulary. Domain code throws `DomainError` with a code; the action wrapper
 * turns it into `{ ok: false, code }`, and the interface shows the catalogue's message for it.
 */
export const errorCodes = [
  "unauthenticated",
  "forbidden",
  "invalid_input",
  "not_found",
  "conflict",
  "rate_limited_email",
  "rate_limited_ip",
  "rate_limited",
  "internal",
  ...refusalCodes,
  // the registry
  "declaration_closed",
  "review_conflict",
  // challenges
  "not_challengeable",
  "challenge_limit",
  "under_challenge",
  "party_cannot_vote",
  // reviews and surveys
  "survey_closed",
  "already_answered",
  "survey_has_responses",
  "not_in_audience",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/**
 * What can be wrong with one field of a form; each is a message key in the catalogue's
 * `fieldErrors`. Schemas name them through `fieldError`, so a misspelt code fails to compile.
 */
export const fieldErrorCodes = [
  // any field
  "invalid",
  "required",
  "too_long",
  "plain_text_only",
  "too_deeply_nested",
  "invalid_number",
  "too_small",
  "too_large",
  // addresses, people and terms
  "invalid_email",
  "single_address",
  "unknown_user",
  "already_member",
  "cannot_remove_self",
  "name_taken",
  "name_not_visible",
  "name_claims_role",
  "invalid_date",
  "ends_before_start",
  "date_out_of_range",
  "term_too_long",
  // drafting and importing
  "unknown_module",
  "unknown_level",
  "slug_taken",
  "import_too_large",
  "import_problems",
  // discussion
  "comment_too_long",
  "objection_not_settled",
  // calls for decision
  "unknown_clause",
  "unknown_revision",
  "revision_of_other_clause",
  "clause_retired",
  // releases
  "invalid_version",
  "version_not_later",
  "version_pending",
  "nothing_adopted",
  // whole documents: last calls, structure, sections, frameworks
  "no_changes",
  "in_open_call",
  "not_in_call",
  "already_retired",
  "not_retired",
  "not_adopted",
  "unknown_section",
  "unknown_framework",
  "unknown_relationship",
  "framework_key_taken",
  "import_not_confirmed",
  "same_module",
  "needs_call",
  // the registry: organisations and declarations
  "invalid_url",
  "invalid_country",
  "evidence_required",
  "must_be_met",
  "no_modules_in_scope",
  "unknown_release",
  "release_withdrawn",
  "already_representative",
  "verification_failed",
  "last_representative",
  "invitation_expired",
  "invitation_used",
  // challenges and misuse reports
  "relisting_barred",
  // translations of releases
  "original_language",
  "translation_exists",
  "translation_closed",
  "untranslated_clauses",
  // outgoing webhooks
  "webhook_not_https",
  "private_address",
  "matrix_room_required",
  // surveys: their questions and the answers to them
  "option_count",
  "duplicate_key",
  "invalid_condition",
  "choice_not_offered",
  "answer_too_long",
] as const;

export type FieldErrorCode = (typeof fieldErrorCodes)[number];

const knownFieldErrors: ReadonlySet<string> = new Set(fieldErrorCodes);

export function isFieldErrorCode(value: string): value is FieldErrorCode {
  return knownFieldErrors.has(value);
}

/** Zod's `error` parameter for a field error: `z.string().max(80, fieldError("too_long"))`. */
export function fieldError(code: FieldErrorCode): { error: FieldErrorCode } {
  return { error: code };
}

/** Field name → what is wrong with it. */
export type FieldErrors = Record<string, FieldErrorCode>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(code);
    this.name = "DomainError";
  }
}
