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
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Field name → message key in the catalogue's `fieldErrors`. */
export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(code);
    this.name = "DomainError";
  }
}
