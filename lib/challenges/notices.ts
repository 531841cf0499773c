import type {
  ChallengeKind,
  ChallengeState,
  FinalPhase,
  Transition,
  Verdict,
} from "@/lib/challenges/rules";
import { isFinal } from "@/lib/challenges/rules";
import type { Group } from "@/lib/community/rules";
import type { Message } from "@/lib/i18n";
import type { NotificationMessage } from "@/lib/notifications/schema";

/*
 * How notifications about challenges are worded: sentences of the catalogue and their
 * parameters, never English. A challenger who asked to be unnamed is never a parameter of a
 * notice: the declarant and anyone else read "a member of the public".
 */

type Titled = { kind: ChallengeKind; number: number; title: string };

/** A UTC time as "2026-11-13 10:00", the same in every language. */
function utcTime(at: Date): string {
  return at.toISOString().slice(0, 16).replace("T", " ");
}

/** How much of people's words a notice quotes; the inbox shows no more. */
const QUOTED = 280;

/** "Challenge 4 · Lumen hub" or "Misuse report 5 · Brightbulb". */
export function challengeSubject(challenge: Titled): Message {
  return {
    key: "notifications.challenges.subject",
    params: { kind: challenge.kind, number: challenge.number, title: challenge.title },
  };
}

/** To the organisation's representatives: who challenged what, and until when they may answer. */
export function filedNotice(
  challenge: Titled,
  filing: { challenger: string | null; clauses: string[]; responseDeadline: Date },
): NotificationMessage {
  const party: Record<string, string> =
    filing.challenger === null
      ? { party: "withheld" }
      : { party: "named", name: filing.challenger };
  return {
    subject: challengeSubject(challenge),
    excerpt: {
      key: "notifications.challenges.filed",
      params: {
        ...party,
        clauses: filing.clauses.length ? filing.clauses.join(", ") : "none",
        deadline: utcTime(filing.responseDeadline),
      },
    },
  };
}

/** To the advisory group: a misuse report to decide, and by when. */
export function reportedNotice(challenge: Titled, agDeadline: Date): NotificationMessage {
  return {
    subject: challengeSubject(challenge),
    excerpt: {
      key: "notifications.challenges.reported",
      params: { name: challenge.title, deadline: utcTime(agDeadline) },
    },
  };
}

/** The group a transition calls on to decide, and what it reads. */
export function groupNotice(
  challenge: Titled,
  next: ChallengeState,
  transition: Transition,
): { group: Group; message: NotificationMessage } | null {
  const subject = challengeSubject(challenge);
  switch (transition) {
    case "responded":
    case "escalated_to_ag":
      return {
        group: "advisory_group",
        message: {
          subject,
          excerpt: {
            key: "notifications.challenges.escalatedToAg",
            params: {
              why: transition === "responded" ? "responded" : "window",
              deadline: next.agDeadline ? utcTime(next.agDeadline) : "",
            },
          },
        },
      };
    case "escalated_to_sc":
      return {
        group: "steering_committee",
        message: { subject, excerpt: { key: "notifications.challenges.escalatedToSc" } },
      };
    case "appealed":
      return {
        group: "steering_committee",
        message: { subject, excerpt: { key: "notifications.challenges.appealed" } },
      };
    default:
      return null;
  }
}

const quote = (words: string | null) => (words ?? "").slice(0, QUOTED);

/**
 * What the parties read when the advisory group decides (and may be appealed) or the challenge
 * ends; nothing otherwise. The rationale is quoted, so a challenger whose challenge is dismissed
 * is told why.
 */
export function outcomeNotice(
  challenge: Titled,
  next: ChallengeState,
  transition: Transition,
): NotificationMessage | null {
  const subject = challengeSubject(challenge);
  if (isFinal(next.phase)) {
    return {
      subject,
      excerpt: {
        key: "notifications.challenges.decided",
        params: { outcome: next.phase satisfies FinalPhase, rationale: quote(next.rationale) },
      },
    };
  }
  if (transition === "ag_decided" && next.agDecision && next.appealDeadline) {
    return {
      subject,
      excerpt: {
        key: "notifications.challenges.agDecided",
        params: {
          verdict: next.agDecision satisfies Verdict,
          until: utcTime(next.appealDeadline),
          rationale: quote(next.rationale),
        },
      },
    };
  }
  return null;
}
