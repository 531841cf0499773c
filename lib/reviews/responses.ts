import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Participant } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { limits, lockedUsage, RateLimitedError, recordUses, take } from "@/lib/rate-limit";
import { isRepresentative, type Representative } from "@/lib/registry/authz";
import { declarations } from "@/lib/registry/schema";
import type { Answers, Question } from "@/lib/reviews/questions";
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
 * against the address's rate limit. Many responses may share that transaction (`submitResponses`),
 * each checked and refused on its own.
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

/**
 * One response to submit. `raw` is what came in, only shaped like answers; or `fromForm` reads
 * them from the survey's questions, for a form posted before the survey was read.
 */
export type ResponseInput = { surveyNumber: number; respondent: Respondent } & (
  | { raw: unknown }
  | { fromForm: (questions: readonly Question[]) => unknown }
);

/** What became of one response: stored, or refused with the reason and nothing stored. */
export type ResponseOutcome = { ok: true; id: string } | { ok: false; error: DomainError };

/** The facts of a survey a response is checked against, locked for share while it is written. */
type SurveyRow = {
  id: string;
  number: number;
  reviewId: string;
  audience: string;
  questions: Question[];
  state: string;
  opensAt: Date;
  closesAt: Date;
  ipSalt: string | null;
};

/**
 * Surveys that open for anonymous answers without a salt (opened by the scheduler, or a row
 * written by hand) get one before their first answer. Done before the share lock below, so two
 * first answers never wait on each other's locks; once a salt exists this matches no row and
 * locks nothing.
 */
async function ensureSalts(tx: Transaction, numbers: number[], now: Date): Promise<void> {
  await tx
    .update(surveys)
    .set({ ipSalt: sql`replace(gen_random_uuid()::text, '-', '')` })
    .where(
      and(
        inArray(surveys.number, numbers),
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
  survey: SurveyRow,
  respondent: Respondent,
  now: Date,
): Promise<Respondence> {
  switch (respondent.kind) {
    case "browser": {
      // A browser without a session answering a survey for signed-in people: its session may
      // have ended while the form was open, so it is asked to sign in, not told it may not answer.
      if (survey.audience !== "anyone") throw new DomainError("unauthenticated");
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

/** Who answered, as stored: exactly one of a browser (with its address's hash), person or organisation. */
type Respondence = {
  browserKey?: string;
  ipHash?: string;
  userId?: string;
  organisationId?: string;
};

/** The key "answered once" is about, for a survey: its browser, person or organisation. */
const onceKey = (surveyId: string, who: Respondence) =>
  `${surveyId} ${who.browserKey ?? ""} ${who.userId ?? ""} ${who.organisationId ?? ""}`;

/** A response that passed every check of its own and waits to be written with the others. */
type Accepted = { index: number; survey: SurveyRow; who: Respondence; answers: Answers };

/** Checks one response against its survey; throws the reason it is refused. */
async function accept(
  tx: Transaction,
  survey: SurveyRow | undefined,
  input: ResponseInput,
  now: Date,
): Promise<Omit<Accepted, "index">> {
  if (!survey || survey.state === "draft") throw new DomainError("not_found");
  if (!isAnswerable(survey, now)) throw new DomainError("survey_closed");
  const who = await whoAnswers(tx, survey, input.respondent, now);
  const raw = "raw" in input ? input.raw : input.fromForm(survey.questions);
  const checked = validateResponse(survey.questions, raw);
  if (!checked.ok) throw new DomainError("invalid_input", checked.fieldErrors);
  return { survey, who, answers: checked.answers };
}

/**
 * Stores many responses in one transaction, each stored or refused on its own, in order, exactly
 * as one at a time would: `not_found` for no such survey (or a draft), `survey_closed` outside its
 * open period, `not_in_audience`, `invalid_input` with field errors keyed by question id,
 * `rate_limited` past 20 responses a minute from one address, `already_answered` for a second
 * response from the same browser, person or organisation (in the batch or before it). A refused
 * response leaves nothing behind, not even a count against its address's limit.
 *
 * One transaction for many is what lets a survey shared with hundreds take their answers at once:
 * its statements are the same few whether it writes one response or a hundred.
 */
export async function submitResponses(
  db: Database,
  inputs: readonly ResponseInput[],
  now = new Date(),
): Promise<ResponseOutcome[]> {
  const outcomes: ResponseOutcome[] = inputs.map(() => ({
    ok: false,
    error: new DomainError("not_found"),
  }));
  const numbers = [
    ...new Set(
      inputs
        .map(({ surveyNumber }) => surveyNumber)
        .filter((n) => Number.isSafeInteger(n) && n > 0),
    ),
  ];
  if (numbers.length === 0) return outcomes;
  await db.transaction(async (tx) => {
    if (inputs.some(({ respondent }) => respondent.kind === "browser")) {
      await ensureSalts(tx, numbers, now);
    }
    // Shared, so responses go on side by side while closing (which drops the salt and the
    // hashes) waits for them: no hash is written after the survey closed.
    const rows = await tx
      .select({
        id: surveys.id,
        number: surveys.number,
        reviewId: surveys.reviewId,
        audience: surveys.audience,
        questions: surveys.questions,
        state: surveys.state,
        opensAt: surveys.opensAt,
        closesAt: surveys.closesAt,
        ipSalt: surveys.ipSalt,
      })
      .from(surveys)
      .where(inArray(surveys.number, numbers))
      .for("share");
    const byNumber = new Map(rows.map((row) => [row.number, row]));

    const accepted: Accepted[] = [];
    const seen = new Set<string>();
    for (const [index, input] of inputs.entries()) {
      try {
        const checked = await accept(tx, byNumber.get(input.surveyNumber), input, now);
        const key = onceKey(checked.survey.id, checked.who);
        // A second response in the same batch is refused as it would be one request later.
        if (seen.has(key)) throw new DomainError("already_answered");
        seen.add(key);
        accepted.push({ index, ...checked });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes[index] = { ok: false, error };
      }
    }

    if (accepted.length === 0) return;
    // Locked before anything is written, so no other server counts these addresses until this
    // transaction ends.
    const limit = limits.survey;
    const limitKey = (ipHash: string) => `survey:${ipHash}`;
    const usage = await lockedUsage(
      tx,
      limit.windowSeconds,
      accepted.flatMap(({ who }) => (who.ipHash ? [limitKey(who.ipHash)] : [])),
      now,
    );

    // Written in one order, that of what makes each response unique, so that two servers writing
    // the same people's responses wait on each other rather than each holding what the other
    // needs. A response already stored (by an earlier request) is skipped, not an error that
    // would undo the others: what comes back is what was stored.
    const keyOf = ({ survey, who }: Accepted) => onceKey(survey.id, who);
    const stored = await tx
      .insert(surveyResponses)
      .values(
        [...accepted]
          .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0))
          .map(({ survey, who, answers }) => ({
            surveyId: survey.id,
            submittedAt: now,
            answers,
            ...who,
          })),
      )
      .onConflictDoNothing()
      .returning({
        id: surveyResponses.id,
        surveyId: surveyResponses.surveyId,
        browserKey: surveyResponses.browserKey,
        userId: surveyResponses.userId,
        organisationId: surveyResponses.organisationId,
      });
    const storedIds = new Map(
      stored.map((row) => [
        onceKey(row.surveyId, {
          browserKey: row.browserKey ?? undefined,
          userId: row.userId ?? undefined,
          organisationId: row.organisationId ?? undefined,
        }),
        row.id,
      ]),
    );

    // Then, in the order they came, each stored response counts against its address's limit;
    // one past the limit is taken out again before the transaction ends. So a response skipped
    // as answered already never takes a place another could have had.
    const uses: { key: string; cost: number }[] = [];
    const overLimit: string[] = [];
    for (const response of accepted) {
      const { index, who } = response;
      const id = storedIds.get(keyOf(response));
      if (!id) {
        outcomes[index] = { ok: false, error: new DomainError("already_answered") };
        continue;
      }
      const used = who.ipHash ? usage.get(limitKey(who.ipHash)) : undefined;
      const verdict = used ? take(limit, used, 1, now) : { ok: true as const };
      if (!verdict.ok) {
        outcomes[index] = { ok: false, error: new RateLimitedError(verdict.retryAfterSeconds) };
        overLimit.push(id);
        continue;
      }
      outcomes[index] = { ok: true, id };
      if (who.ipHash) uses.push({ key: limitKey(who.ipHash), cost: 1 });
    }
    if (overLimit.length > 0) {
      await tx.delete(surveyResponses).where(inArray(surveyResponses.id, overLimit));
    }
    await recordUses(tx, uses, now);
  });
  return outcomes;
}

/** Stores one response, or throws the reason it was refused (see `submitResponses`). */
export async function submitResponse(
  db: Database,
  input: ResponseInput,
  now = new Date(),
): Promise<{ id: string }> {
  const [outcome] = await submitResponses(db, [input], now);
  if (!outcome?.ok) throw outcome?.error ?? new DomainError("not_found");
  return { id: outcome.id };
}
