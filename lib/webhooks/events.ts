import type { AuditAction } from "@/lib/audit/rules";

/**
 * What an outgoing webhook can tell of, and which entries of the audit log tell it. Pure: the
 * scheduler reads the log, this says what each entry means to a subscriber.
 */

export const standardEventTypes = [
  "call.opened",
  "call.decided",
  "call.escalated",
  "release.published",
  "thread.opened",
] as const;

export const registryEventTypes = [
  "declaration.published",
  "declaration.listed",
  "declaration.reaffirmed",
  "declaration.lapsed",
  "declaration.withdrawn",
  "declaration.struck_off",
  "challenge.filed",
  "challenge.responded",
  "challenge.escalated",
  "challenge.decided",
] as const;

export const webhookEventTypes = [...standardEventTypes, ...registryEventTypes] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Sent by the "send test event" button; never comes from the log. */
export const TEST_EVENT = "webhook.test";

/** Who may subscribe to what: a standard's endpoint hears everything about it and its registry. */
export function eventTypesFor(subject: "standard" | "organisation"): readonly WebhookEventType[] {
  return subject === "standard" ? webhookEventTypes : registryEventTypes;
}

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (webhookEventTypes as readonly string[]).includes(value);
}

/**
 * Every action the log records, and the event it is (null: nothing a subscriber hears of).
 * A `Record` over every action, so a new action does not compile until someone decides here.
 *
 * A call is decided when it reaches an outcome (lib/decisions/rules.ts `isFinal`): by rough
 * consensus, partly (the held changes go on as calls of their own), withdrawn, an AG decision
 * once its appeal window ends, or an SC ruling. The AG's decision itself may still be appealed,
 * so it is not yet a decision. A call escalates to the AG, to the SC, or by appeal; a change
 * held back from a last call escalates as a call of its own.
 */
export const eventOfAction: Record<AuditAction, WebhookEventType | null> = {
  "auth.signed_in": null,
  "auth.signed_out": null,
  "auth.sign_in_refused": null,
  "access.refused": null,
  "community.joined": null,
  "community.profile_updated": null,
  "community.member_appointed": null,
  "community.membership_ended": null,
  "community.secretariat_granted": null,
  "community.secretariat_revoked": null,
  "drafting.standard_created": null,
  "drafting.clause_added": null,
  "drafting.clause_changed": null,
  "drafting.clause_moved": null,
  "drafting.clause_retired": null,
  "drafting.revision_saved": null,
  "drafting.standard_imported": null,
  "drafting.later_text_imported": null,
  "drafting.revision_restored": null,
  "drafting.section_added": null,
  "drafting.section_renamed": null,
  "drafting.section_moved": null,
  "drafting.section_revision_saved": null,
  "drafting.section_retired": null,
  "drafting.framework_added": null,
  "drafting.mapping_added": null,
  "drafting.mapping_removed": null,
  "discussion.thread_opened": "thread.opened",
  "discussion.objection_raised": "thread.opened",
  "discussion.thread_resolved": null,
  "discussion.thread_reopened": null,
  "discussion.comment_hidden": null,
  // Recorded only for replies through a token; a reply is no event of its own.
  "discussion.replied": null,
  "discussion.objection_withdrawn": null,
  "discussion.objection_sustained": null,
  "decisions.call_opened": "call.opened",
  "decisions.position_taken": null,
  "decisions.position_reason_hidden": null,
  "decisions.consensus": "call.decided",
  "decisions.partly_adopted": "call.decided",
  "decisions.change_escalated": "call.escalated",
  "decisions.escalated_to_ag": "call.escalated",
  "decisions.withdrawn": "call.decided",
  "decisions.vote_cast": null,
  "decisions.recused": null,
  "decisions.ag_decided": null,
  "decisions.escalated_to_sc": "call.escalated",
  "decisions.appealed": "call.escalated",
  "decisions.ag_decision_final": "call.decided",
  "decisions.sc_ruled": "call.decided",
  "decisions.charter_changed": null,
  // The effects of a decision: the decision itself is the event.
  "decisions.revision_adopted": null,
  "decisions.section_adopted": null,
  "decisions.clause_retired": null,
  "decisions.clause_restored": null,
  "decisions.clause_moved": null,
  "decisions.section_retired": null,
  "releases.published": "release.published",
  "releases.withdrawn": null,
  "releases.translation_started": null,
  "releases.clause_translated": null,
  "releases.translation_published": null,
  "registry.organisation_registered": null,
  "registry.representative_invited": null,
  "registry.representative_added": null,
  "registry.representative_ended": null,
  "registry.domain_verified": null,
  "registry.declaration_published": "declaration.published",
  "registry.declaration_reaffirmed": "declaration.reaffirmed",
  "registry.declaration_reviewed": null,
  "registry.declaration_listed": "declaration.listed",
  "registry.declaration_withdrawn": "declaration.withdrawn",
  "registry.declaration_lapsed": "declaration.lapsed",
  "registry.transition_ended": null,
  "registry.organisation_updated": null,
  "registry.challenge_filed": "challenge.filed",
  "registry.misuse_reported": "challenge.filed",
  "registry.challenge_responded": "challenge.responded",
  "registry.challenge_withdrawn": "challenge.decided",
  "registry.challenge_escalated_to_ag": "challenge.escalated",
  "registry.challenge_vote_cast": null,
  "registry.challenge_recused": null,
  "registry.challenge_ag_decided": null,
  "registry.challenge_escalated_to_sc": "challenge.escalated",
  "registry.challenge_appealed": "challenge.escalated",
  "registry.challenge_decision_final": "challenge.decided",
  "registry.challenge_sc_ruled": "challenge.decided",
  "registry.declaration_struck_off": "declaration.struck_off",
  "registry.relisting_leave_granted": null,
  "reviews.survey_created": null,
  "reviews.survey_opened": null,
  "reviews.survey_closed": null,
  "reviews.results_published": null,
  "reviews.review_opened": null,
  "reviews.conclusions_proposed": null,
  "reviews.concluded": null,
};

/** The event an action is, if any; an action Hum no longer records is none. */
export function eventTypeOf(action: string): WebhookEventType | null {
  return Object.hasOwn(eventOfAction, action)
    ? (eventOfAction[action as AuditAction] ?? null)
    : null;
}

/** Whether an endpoint that chose `events` (none: all of its subject's) wants `type`. */
export function wants(events: readonly string[], type: string): boolean {
  return type === TEST_EVENT || events.length === 0 || events.includes(type);
}
