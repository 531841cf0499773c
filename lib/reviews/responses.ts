import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { Participant } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { enforceLimit } from "@/lib/rate-limit";
import { isRepresentative, type Representative } from "@/lib/registry/authz";
import { declarations } from "@/lib/registry/schema";
import { isAnswerable } from "@/lib/reviews/response-rules";
import { reviews, surveyResponses, surveys } from "@/lib/reviews/schema";
import { validateResponse } from "@/lib/reviews/survey-rules";

export { publicResults } from "@/lib/reviews/response-queries";

/*
 * Answering a survey. Who may answer is the survey's audience: anyone with the link (a browser,
 * known only by the hash of a random cookie and, until the survey closes, the salted hash of its
 * address), signed-in participants, or the representatives of organisations that declared
 * products against the reviewed standard, one response per organisation. Every check and the
 * write happen in one transaction, so a refused response leaves nothing behind, not even a count
 * against the address's rate limit.
 */

/** The cookie that tells one browser's answers from another's; only its hash is stored. */
export const SURVEY_COOKIE = "hum-survey";
/** Long enough to outlast any survey, so a browser cannot answer twice by waiting. */
export const SURVEY_COOKIE_MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

/** A fresh browser id for the cookie: 256 random bits, URL-safe. */
export function newBrowserId(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether a cookie's value is one `newBrowserId` could have made (anything else is replaced). */
export function isBrowserId(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** What is stored of a browser: the hash of its cookie's id, never the id itself. */
export function browserKeyOf(browserId: string): string {
  return sha256(browserId);
}

/** An address as kept for abuse checks: salted per survey, so no two surveys' hashes match. */
export function ipHashOf(salt: string, ip: string): string {
  return sha256(`${salt}${ip}`);
}

export type Respondent =
  /** Anyone with the link. `browserKey` is `browserKeyOf(cookie id)`; `ip` the client address. */
  | { kind: "browser"; browserKey: string; ip: string }
  | { kind: "participant"; participant: Participant }
  | { kind: "organisation"; representative: Representative };

export type ResponseInput = { surveyNumber: number; respondent: Respondent; raw: unknown };

/** The constraints that say "answered already", one per kind of respondent. */
const answeredOnce = new Set([
  "survey_response_browser_unique",
  "survey_response_user_unique",
  "survey_response_organisation_unique",
]);

/** The unique constraint a failed insert broke, found through Drizzle's wrapping, or null. */
function brokenUniqueConstraint(error: unknown): string | null {
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && typeof cause === "object" && cause !== null; depth++) {
    const { code, constraint } = cause as { code?: unknown; constraint?: unknown };
    if (code === "23505" && typeof constraint === "string") return constraint;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * A survey opened without a salt (by the scheduler, or a row written by hand) gets one before its
 * first anonymous answer. Done before the share lock below, so two first answers never wait on
 * each other's locks; once a salt exists this matches no row and locks nothing.
 */
async function ensureSalt(tx: Transaction, surveyNumber: number, now: Date): Promise<void> {
  await tx
    .update(surveys)
    .set({ ipSalt: randomBytes(16).toString("hex") })
    .where(
      and(
        eq(surveys.number, surveyNumber),
        isNull(surveys.ipSalt),
        eq(surveys.state, "open"),
        gt(surveys.closesAt, now),
      ),
    );
}

/** Whether the organisation has declared a product (in any state) against the standard. */
async function hasDeclared(
  tx: Transaction,
  organisationId: string,
  standardId: string,
): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(declarations)
    .where(
      and(eq(declarations.organisationId, organisationId), eq(declarations.standardId, standardId)),
    );
  return (row?.n ?? 0) > 0;
}

/** Who the response is from, as stored; refuses a respondent outside the survey's audience. */
async function whoAnswers(
  tx: Transaction,
  survey: { audience: string; reviewId: string; ipSalt: string | null },
  respondent: Respondent,
  now: Date,
): Promise<Partial<typeof surveyResponses.$inferInsert>> {
  switch (respondent.kind) {
    case "browser": {
      if (survey.audience !== "anyone") throw new DomainError("not_in_audience");
      if (!/^[0-9a-f]{64}$/.test(respondent.browserKey) || !survey.ipSalt) {
        throw new DomainError("invalid_input");
      }
      return {
        browserKey: respondent.browserKey,
        ipHash: ipHashOf(survey.ipSalt, respondent.ip),
      };
    }
    case "participant":
      if (survey.audience !== "participants") throw new DomainError("not_in_audience");
      return { userId: respondent.participant.id };
    case "organisation": {
      if (survey.audience !== "organisations") throw new DomainError("not_in_audience");
      const { organisationId, id: userId } = respondent.representative;
      // The proof was minted earlier in the request; the term must still be in force now.
      const [review] = await tx
        .select({ standardId: reviews.standardId })
        .from(reviews)
        .where(eq(reviews.id, survey.reviewId));
      if (
        !review ||
        !(await isRepresentative(tx, organisationId, userId, now)) ||
        !(await hasDeclared(tx, organisationId, review.standardId))
      ) {
        throw new DomainError("not_in_audience");
      }
      // Kept without the person: the organisation answers, whichever representative typed it.
      return { organisationId };
    }
  }
}

/**
 * Stores one response, or refuses it with nothing stored: `survey_closed` outside the survey's
 * open period, `not_in_audience`, `invalid_input` with field errors keyed by question id,
 * `rate_limited` past 20 responses a minute from one address, `already_answered` for a second
 * response from the same browser, person or organisation.
 */
export async function submitResponse(
  db: Database,
  input: ResponseInput,
  now = new Date(),
): Promise<{ id: string }> {
  const { surveyNumber, respondent } = input;
  if (!Number.isSafeInteger(surveyNumber) || surveyNumber < 1) throw new DomainError("not_found");
  try {
    return await db.transaction(async (tx) => {
      if (respondent.kind === "browser") await ensureSalt(tx, surveyNumber, now);
      // Shared, so responses go on side by side while closing (which drops the salt and the
      // hashes) waits for them: no hash is written after the survey closed.
      const [survey] = await tx
        .select({
          id: surveys.id,
          reviewId: surveys.reviewId,
          audience: surveys.audience,
          questions: surveys.questions,
          state: surveys.state,
          opensAt: surveys.opensAt,
          closesAt: surveys.closesAt,
          ipSalt: surveys.ipSalt,
        })
        .from(surveys)
        .where(eq(surveys.number, surveyNumber))
        .for("share");
      if (!survey || survey.state === "draft") throw new DomainError("not_found");
      if (!isAnswerable(survey, now)) throw new DomainError("survey_closed");
      const who = await whoAnswers(tx, survey, respondent, now);
      const checked = validateResponse(survey.questions, input.raw);
      if (!checked.ok) throw new DomainError("invalid_input", checked.fieldErrors);
      // Counted in this transaction: a response refused after this point is not counted.
      if (who.ipHash) await enforceLimit(tx, "survey", who.ipHash, now);
      const [row] = await tx
        .insert(surveyResponses)
        .values({ surveyId: survey.id, submittedAt: now, answers: checked.answers, ...who })
        .returning({ id: surveyResponses.id });
      if (!row) throw new Error("survey response not stored");
      return row;
    });
  } catch (error) {
    const constraint = brokenUniqueConstraint(error);
    if (constraint && answeredOnce.has(constraint)) throw new DomainError("already_answered");
    throw error;
  }
}
