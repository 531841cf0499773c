import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { requireSecretariat } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import type { Database } from "@/lib/db/client";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import {
  organisationAnswers,
  organisationQuestions,
  purchaserQuestions,
  purchaserResponses,
} from "@/lib/demo/survey-answers";
import { demoViewers } from "@/lib/demo/viewers";
import { requireRepresentative } from "@/lib/registry/authz";
import { organisations, representatives } from "@/lib/registry/schema";
import { submitResponse } from "@/lib/reviews/responses";
import { openReview, proposeConclusions } from "@/lib/reviews/reviews";
import {
  closeSurvey,
  createSurvey,
  openSurvey,
  publishResults,
  setTextPublishable,
} from "@/lib/reviews/surveys";

/*
 * The demo's reviews of the mark, through the same entry points as the secretariat's pages, the
 * answering form and the scheduler, each step at its moment in the past:
 *
 * - the first review, closed: its buyers' survey (60 responses) and its organisations' survey
 *   (one per demo organisation) closed and published, two buyers' texts marked publishable,
 *   and its conclusions adopted by a call that reached rough consensus;
 * - a second review in progress: its buyers' survey open, a few responses, no conclusions yet.
 *
 * Written after the registry (seed-registry.ts), whose organisations answer, and its
 * challenges; the organisations were registered 28 days ago, so the first review's surveys run
 * after that.
 */

/** The fixed seed of the generated answers: six buyers wrote a few words, two publishable. */
const ANSWERS_SEED = 18;
const PURCHASERS = 60;
const PURCHASERS_IN_PROGRESS = 7;

/** A browser's key as the answering form keeps it: a hash, never the cookie itself. */
const browserKey = (label: string) => createHash("sha256").update(`demo:${label}`).digest("hex");

const firstReview = {
  title: "The mark's first year",
  questions: `A year after the first listings, the community asks:

- Do buyers notice the mark, and does it change what they buy?
- Which clauses do organisations find hard to answer for, and why?
- Is the mark ready for a checked phase, in which the advisory group reviews declarations at Silver and Gold before they are listed?`,
  conclusions: `1. Buyers who noticed the mark trust it, but most learn of it on the box, where the level is not shown. Makers that display the mark should show the level beside it; a clause on how the mark is displayed will be drafted for the next release.
2. Buyers rank the years of updates first. The Software module should ask for the support period as a date printed on the packaging, not only on a web page.
3. Organisations found the evidence expected for the Software and Data clauses unclear. The working group will add examples of accepted evidence to the assessment criteria of every SW and DATA clause.
4. The mark is not yet ready for a checked phase. Two organisations is too few to judge; the next review looks at this again.`,
};

const purchasersSurvey = {
  title: "Buyers of connected products",
  intro:
    "A few questions for anyone who bought, or thought about buying, a product that shows the IoTmark. It takes five minutes; you need no account, and we keep nothing that says who you are.",
};

const organisationsSurvey = {
  title: "Organisations that declared products",
  intro:
    "For the representatives of each organisation that made a declaration: one response per organisation, about how the declaration went.",
};

/** Adds the demo reviews; the demo registry must already be there. */
export async function seedDemoReviews(
  db: Database,
  standardId: string,
  emailOf: (key: string) => string,
  now = new Date(),
): Promise<void> {
  const at = (days: number) => addDays(now, days);
  const who = demoViewers(db, emailOf, now);
  const sam = await requireSecretariat(db, await who("sam"), "demo.reviews");

  // The first review: opened 27 days ago, over the year before its surveys closed.
  const first = await openReview(
    db,
    sam,
    standardId,
    {
      title: firstReview.title,
      questions: firstReview.questions,
      periodStart: at(-16 - 365),
      periodEnd: at(-16),
    },
    at(-27),
  );
  const buyers = await createSurvey(
    db,
    sam,
    first.id,
    {
      ...purchasersSurvey,
      audience: "anyone",
      questions: purchaserQuestions,
      opensAt: at(-26),
      closesAt: at(-16),
    },
    at(-27),
  );
  const makers = await createSurvey(
    db,
    sam,
    first.id,
    {
      ...organisationsSurvey,
      audience: "organisations",
      questions: organisationQuestions,
      opensAt: at(-26),
      closesAt: at(-16),
    },
    at(-27),
  );
  await openSurvey(db, sam, buyers.id, at(-26));
  await openSurvey(db, sam, makers.id, at(-26));

  // Sixty buyers over ten days, each from a browser and an address of their own.
  const generated = purchaserResponses(PURCHASERS, ANSWERS_SEED);
  const publishable: string[] = [];
  for (const [index, response] of generated.entries()) {
    const { id } = await submitResponse(
      db,
      {
        surveyNumber: buyers.number,
        respondent: {
          kind: "browser",
          browserKey: browserKey(`first-${index}`),
          ip: `198.51.100.${index + 1}`,
        },
        raw: response.answers,
      },
      at(-26 + (index + 0.5) * (10 / PURCHASERS)),
    );
    if (response.text?.publishable) publishable.push(id);
  }

  // Each demo organisation answers once, through its representative.
  const orgRows = await db
    .select({ id: organisations.id, slug: organisations.slug, userId: representatives.userId })
    .from(organisations)
    .innerJoin(representatives, eq(representatives.organisationId, organisations.id));
  for (const [index, [slug, answers]] of Object.entries(organisationAnswers).entries()) {
    const row = orgRows.find((candidate) => candidate.slug === slug);
    if (!row) throw new Error(`demo organisation ${slug} is missing`);
    const day = -24 + index * 3;
    const representative = await requireRepresentative(
      db,
      await loadViewer(db, row.userId, at(day)),
      row.id,
      "demo.survey",
      at(day),
    );
    await submitResponse(
      db,
      {
        surveyNumber: makers.number,
        respondent: { kind: "organisation", representative },
        raw: answers,
      },
      at(day),
    );
  }

  await closeSurvey(db, sam, buyers.id, at(-16));
  await closeSurvey(db, sam, makers.id, at(-16));
  for (const responseId of publishable) {
    await setTextPublishable(db, sam, responseId, "helped", true);
  }
  await publishResults(db, sam, buyers.id, at(-15.9));
  await publishResults(db, sam, makers.id, at(-15.9));

  // The conclusions go to a call, which the community supports without objection.
  const { callNumber } = await proposeConclusions(
    db,
    sam,
    first.id,
    { conclusions: firstReview.conclusions },
    at(-15.5),
  );
  const [call] = await db
    .select({ id: calls.id, closesAt: calls.closesAt })
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.number, callNumber)));
  if (!call) throw new Error("the demo review's call is missing");
  for (const [index, key] of ["lena", "noor", "mei", "kofi", "rosa"].entries()) {
    await takePosition(
      db,
      await who(key),
      call.id,
      { stance: key === "kofi" ? "no_objection" : "support", reason: "" },
      at(-15 + index * 2),
    );
  }
  const closes = addDays(call.closesAt, 0.01);
  if (closes >= now) throw new Error("the demo review's call would close after today");
  await closeDue(db, closes);

  // The second review: opened six days ago, over the time since the first; buyers answering.
  const second = await openReview(
    db,
    sam,
    standardId,
    {
      title: "The mark since its first review",
      questions:
        "Did showing the level beside the mark, and printing the support period on the box, change what buyers notice? Is the mark ready for a checked phase now?",
      periodStart: at(-16),
      periodEnd: now,
    },
    at(-6),
  );
  const buyersAgain = await createSurvey(
    db,
    sam,
    second.id,
    {
      ...purchasersSurvey,
      audience: "anyone",
      questions: purchaserQuestions,
      opensAt: at(-5),
      closesAt: at(16),
    },
    at(-6),
  );
  await openSurvey(db, sam, buyersAgain.id, at(-5));
  const early = purchaserResponses(PURCHASERS_IN_PROGRESS, ANSWERS_SEED + 1);
  for (const [index, response] of early.entries()) {
    await submitResponse(
      db,
      {
        surveyNumber: buyersAgain.number,
        respondent: {
          kind: "browser",
          browserKey: browserKey(`second-${index}`),
          ip: `203.0.113.${index + 1}`,
        },
        raw: response.answers,
      },
      at(-5 + (index + 0.5) * (4.5 / PURCHASERS_IN_PROGRESS)),
    );
  }
}
