import type { Group } from "@/lib/community/rules";
import {
  type CallState,
  isFinal,
  type Outcome,
  type Rationale,
  type Transition,
} from "@/lib/decisions/rules";
import type { Message, MessageKey } from "@/lib/i18n";
import type { NotificationMessage } from "@/lib/notifications/schema";

/**
 * How notifications about calls are worded: which sentence of the catalogue each one shows, with
 * what parameters. The notification stores these, never English, and is worded when read.
 */

type CallTitle = { number: number; title: string };

/** "Call 3 · Title": what every notification about a call is about. */
export function callSubject(call: CallTitle): Message {
  return { key: "notifications.calls.subject", params: { number: call.number, title: call.title } };
}

/** A new call: the excerpt is the proposer's own words. */
export function openedNotice(call: CallTitle & { description: string }): {
  message: NotificationMessage;
  excerpt: string;
} {
  return { message: { subject: callSubject(call) }, excerpt: call.description || call.title };
}

/** Two days before a call closes. */
export function closingNotice(call: CallTitle & { closesAt: Date }): NotificationMessage {
  // A UTC time as "2026-11-13 10:00", the same in every language.
  const closes = call.closesAt.toISOString().slice(0, 16).replace("T", " ");
  return {
    subject: callSubject(call),
    excerpt: { key: "notifications.calls.closing", params: { closes } },
  };
}

/** The group that must act after a transition, and why it is told. */
const groupCalledBy: Partial<Record<Transition, { group: Group; excerpt: MessageKey }>> = {
  escalated_to_ag: { group: "advisory_group", excerpt: "notifications.calls.escalatedToAg" },
  escalated_to_sc: { group: "steering_committee", excerpt: "notifications.calls.escalatedToSc" },
  appealed: { group: "steering_committee", excerpt: "notifications.calls.appealed" },
};

/** How much of people's words an outcome quotes; the inbox shows no more. */
const QUOTED = 280;

/** "Adopted. Because…": the outcome, and the first words of its rationale. */
function outcomeExcerpt(outcome: Outcome, rationale: Rationale | null): Message {
  const quoted = typeof rationale === "string" ? rationale.slice(0, QUOTED) : (rationale ?? "");
  return { key: "notifications.calls.decided", params: { outcome, rationale: quoted } };
}

/**
 * Who hears of a transition and what they read: the group called to decide, if any; and, once
 * the call is decided, everyone who took part, with the outcome and its rationale.
 */
export function transitionNotices(
  call: CallTitle,
  next: CallState,
  transition: Transition,
): {
  group: { group: Group; message: NotificationMessage } | null;
  decided: NotificationMessage | null;
} {
  const subject = callSubject(call);
  const called = groupCalledBy[transition];
  return {
    group: called
      ? { group: called.group, message: { subject, excerpt: { key: called.excerpt } } }
      : null,
    decided: isFinal(next.phase)
      ? { subject, excerpt: outcomeExcerpt(next.phase, next.rationale) }
      : null,
  };
}
