ALTER TYPE "public"."call_kind" ADD VALUE 'review';--> statement-breakpoint
CREATE TABLE "review" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"standard_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"questions" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"conclusions" text,
	"concluded_at" timestamp with time zone,
	CONSTRAINT "review_number_unique" UNIQUE("standard_id","number"),
	CONSTRAINT "review_period" CHECK ("review"."period_start" < "review"."period_end")
);
--> statement-breakpoint
CREATE TABLE "survey_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"browser_key" text,
	"user_id" text,
	"organisation_id" uuid,
	"ip_hash" text,
	"answers" jsonb NOT NULL,
	"publishable_text" text[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "survey_response_browser_unique" UNIQUE("survey_id","browser_key"),
	CONSTRAINT "survey_response_user_unique" UNIQUE("survey_id","user_id"),
	CONSTRAINT "survey_response_organisation_unique" UNIQUE("survey_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "survey" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"audience" text NOT NULL,
	"questions" jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"results_published_at" timestamp with time zone,
	"ip_salt" text,
	"copied_from" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_number_unique" UNIQUE("number"),
	CONSTRAINT "survey_dates" CHECK ("survey"."opens_at" < "survey"."closes_at"),
	CONSTRAINT "survey_audience" CHECK ("survey"."audience" in ('anyone', 'participants', 'organisations')),
	CONSTRAINT "survey_state" CHECK ("survey"."state" in ('draft', 'open', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "thread" DROP CONSTRAINT "thread_has_place";--> statement-breakpoint
ALTER TABLE "call" ADD COLUMN "review_id" uuid;--> statement-breakpoint
ALTER TABLE "thread" ADD COLUMN "review_id" uuid;--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_standard_id_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_opened_by_user_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_survey_id_survey_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."survey"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey" ADD CONSTRAINT "survey_review_id_review_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."review"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey" ADD CONSTRAINT "survey_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_response_survey_idx" ON "survey_response" USING btree ("survey_id","submitted_at");--> statement-breakpoint
CREATE INDEX "survey_review_idx" ON "survey" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "survey_due_idx" ON "survey" USING btree ("state","closes_at");--> statement-breakpoint
CREATE INDEX "thread_review_idx" ON "thread" USING btree ("review_id");--> statement-breakpoint
ALTER TABLE "thread" ADD CONSTRAINT "thread_has_place" CHECK ("thread"."clause_id" is not null or "thread"."call_id" is not null or "thread"."review_id" is not null);--> statement-breakpoint
ALTER TABLE "call" ADD CONSTRAINT "call_review_id_review_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."review"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread" ADD CONSTRAINT "thread_review_id_review_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."review"("id") ON DELETE no action ON UPDATE no action;
