import type { Message } from "@/lib/i18n";
import type { NotificationMessage } from "@/lib/notifications/schema";

/*
 * How the registry's scheduled notifications are worded: sentences of the catalogue and their
 * parameters, never English, so each representative reads them in their own language.
 */

type NamedDeclaration = { number: number; productName: string };

/** A UTC day as "2027-11-20", the same in every language. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** "Declaration 12 · Lumen hub": what every notification about a declaration is about. */
export function declarationSubject(declaration: NamedDeclaration): Message {
  return {
    key: "notifications.declarations.subject",
    params: { number: declaration.number, product: declaration.productName },
  };
}

/** 30 or 7 days before a listing's term ends: the date to reaffirm it by. */
export function reminderNotice(
  declaration: NamedDeclaration,
  expiresAt: Date,
  days: 30 | 7,
): NotificationMessage {
  return {
    subject: declarationSubject(declaration),
    excerpt: {
      key: "notifications.declarations.reminder",
      params: { days, expires: utcDay(expiresAt) },
    },
  };
}

export type LapseReason = "term_ended" | "transition_ended";

/** A listing has lapsed: why, and since when. */
export function lapsedNotice(
  declaration: NamedDeclaration,
  reason: LapseReason,
  on: Date,
  version?: string,
): NotificationMessage {
  return {
    subject: declarationSubject(declaration),
    excerpt: {
      key: "notifications.declarations.lapsed",
      params: { reason, on: utcDay(on), version: version ?? "" },
    },
  };
}
