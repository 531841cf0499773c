import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import { standards } from "@/lib/drafting/schema";
import { organisations } from "@/lib/registry/schema";
import type { Answers, Question } from "@/lib/reviews/questions";

const at = (name: string) => timestamp(name, { mode: "date", withTimezone: true });

/**
 * A periodic review of how a standard's mark works: the questions it answers, the period whose
 * record it looks at, and the surveys that inform it. It ends in a call on its conclusions
 * (call.review_id); the conclusions the call adopts are part of the public record.
 */
export const reviews = pgTable(
  "review",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    /** Numbered per standard: /standards/iotmark/reviews/2. */
    number: integer("number").notNull(),
    title: text("title").notNull(),
    /** What the review is to answer ("Is the mark ready for a checked phase?"), in Markdown. */
    questions: text("questions").notNull(),
    periodStart: at("period_start").notNull(),
    periodEnd: at("period_end").notNull(),
    openedBy: text("opened_by")
      .notNull()
      .references(() => users.id),
    openedAt: at("opened_at").notNull().defaultNow(),
    /** The conclusions put to the community, set when the call on them opens. */
    conclusions: text("conclusions"),
    /** When the call adopted the conclusions; until then they are only proposed. */
    concludedAt: at("concluded_at"),
  },
  (review) => [
    unique("review_number_unique").on(review.standardId, review.number),
    check("review_period", sql`${review.periodStart} < ${review.periodEnd}`),
  ],
);

/**
 * A survey informing a review. Its questions are fixed once anyone answered (a copy can change
 * them). `state` moves draft → open → closed by the secretariat or, at `opensAt` and
 * `closesAt`, by the scheduler. `ipSalt` salts the hashed client addresses kept for abuse
 * checks; closing drops it with the hashes.
 */
export const surveys = pgTable(
  "survey",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reviewId: uuid("review_id")
      .notNull()
      .references(() => reviews.id),
    /** Numbered across Hum: /surveys/7, the link given to buyers. */
    number: integer("number").notNull().unique(),
    title: text("title").notNull(),
    intro: text("intro").notNull().default(""),
    /** anyone (with the link, no account), participants (signed in), organisations (one each). */
    audience: text("audience").notNull(),
    questions: jsonb("questions").$type<Question[]>().notNull(),
    state: text("state").notNull().default("draft"),
    opensAt: at("opens_at").notNull(),
    closesAt: at("closes_at").notNull(),
    openedAt: at("opened_at"),
    closedAt: at("closed_at"),
    /** Results are public once the survey closes, or sooner when the secretariat says so. */
    resultsPublishedAt: at("results_published_at"),
    ipSalt: text("ip_salt"),
    copiedFrom: uuid("copied_from"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (survey) => [
    index("survey_review_idx").on(survey.reviewId),
    index("survey_due_idx").on(survey.state, survey.closesAt),
    check("survey_dates", sql`${survey.opensAt} < ${survey.closesAt}`),
    check(
      "survey_audience",
      sql`${survey.audience} in ('anyone', 'participants', 'organisations')`,
    ),
    check("survey_state", sql`${survey.state} in ('draft', 'open', 'closed')`),
  ],
);

/**
 * One response. Who may answer once is kept apart from what they answered: a browser's key (a
 * hash of its cookie), a participant, or an organisation, each unique per survey; nothing else
 * about an anonymous respondent is stored but the salted hash of their address, dropped at close.
 */
export const surveyResponses = pgTable(
  "survey_response",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id),
    submittedAt: at("submitted_at").notNull().defaultNow(),
    browserKey: text("browser_key"),
    userId: text("user_id").references(() => users.id),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    ipHash: text("ip_hash"),
    answers: jsonb("answers").$type<Answers>().notNull(),
    /** The questions whose free text the secretariat has marked publishable in this response. */
    publishableText: text("publishable_text").array().notNull().default([]),
  },
  (response) => [
    index("survey_response_survey_idx").on(response.surveyId, response.submittedAt),
    unique("survey_response_browser_unique").on(response.surveyId, response.browserKey),
    unique("survey_response_user_unique").on(response.surveyId, response.userId),
    unique("survey_response_organisation_unique").on(response.surveyId, response.organisationId),
  ],
);
