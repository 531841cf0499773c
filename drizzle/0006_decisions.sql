CREATE TYPE "public"."call_kind" AS ENUM('clause_revision', 'release', 'question');--> statement-breakpoint
CREATE TYPE "public"."call_phase" AS ENUM('open', 'escalated_ag', 'ag_decided', 'escalated_sc', 'appealed', 'adopted', 'rejected', 'returned', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."decision" AS ENUM('adopt', 'reject', 'return');--> statement-breakpoint
CREATE TYPE "public"."stance" AS ENUM('support', 'no_objection', 'object', 'abstain', 'recuse');--> statement-breakpoint
CREATE TYPE "public"."vote_choice" AS ENUM('adopt', 'reject', 'return', 'recuse');--> statement-breakpoint
CREATE TYPE "public"."vote_stage" AS ENUM('ag', 'sc');--> statement-breakpoint
CREATE TABLE "appeal" (
	"call_id" uuid PRIMARY KEY NOT NULL,
	"appellant_id" text NOT NULL,
	"reason" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"standard_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" "call_kind" NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"clause_id" uuid,
	"revision_id" uuid,
	"release_id" uuid,
	"organisations" text[] DEFAULT '{}' NOT NULL,
	"charter" jsonb NOT NULL,
	"phase" "call_phase" DEFAULT 'open' NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"ag_deadline" timestamp with time zone,
	"ag_decision" "decision",
	"ag_rationale" text,
	"appeal_deadline" timestamp with time zone,
	"rationale" text,
	"decided_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "call_number_unique" UNIQUE("standard_id","number")
);
--> statement-breakpoint
CREATE TABLE "charter" (
	"standard_id" uuid PRIMARY KEY NOT NULL,
	"comment_period_days" integer NOT NULL,
	"quorum" integer NOT NULL,
	"ag_deadline_days" integer NOT NULL,
	"appeal_window_days" integer NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "position" (
	"call_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"stance" "stance" NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"thread_id" uuid,
	"taken_at" timestamp with time zone NOT NULL,
	CONSTRAINT "position_call_id_user_id_pk" PRIMARY KEY("call_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "vote" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"stage" "vote_stage" NOT NULL,
	"user_id" text NOT NULL,
	"choice" "vote_choice" NOT NULL,
	"rationale" text NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vote_once" UNIQUE("call_id","stage","user_id")
);
--> statement-breakpoint
ALTER TABLE "thread" ALTER COLUMN "clause_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notification" ALTER COLUMN "thread_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "thread" ADD COLUMN "call_id" uuid;--> statement-breakpoint
ALTER TABLE "clause" ADD COLUMN "adopted_revision_id" uuid;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "call_id" uuid;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "subject" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "path" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Notifications now carry their subject and link; existing ones get them from their thread.
UPDATE "notification" AS n SET
  "subject" = c."ref_code" || '-' || c."ref_number" || ' · ' || t."title",
  "path" = '/standards/' || s."slug" || '/draft/' || c."ref_code" || '-' || c."ref_number" || '#thread-' || t."id"
FROM "thread" t JOIN "clause" c ON c."id" = t."clause_id" JOIN "standard" s ON s."id" = c."standard_id"
WHERE t."id" = n."thread_id";--> statement-breakpoint
ALTER TABLE "notification" ALTER COLUMN "subject" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "notification" ALTER COLUMN "path" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_call_id_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_appellant_id_user_id_fk" FOREIGN KEY ("appellant_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call" ADD CONSTRAINT "call_standard_id_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call" ADD CONSTRAINT "call_clause_id_clause_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clause"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call" ADD CONSTRAINT "call_revision_id_clause_revision_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."clause_revision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call" ADD CONSTRAINT "call_opened_by_user_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter" ADD CONSTRAINT "charter_standard_id_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charter" ADD CONSTRAINT "charter_updated_by_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position" ADD CONSTRAINT "position_call_id_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position" ADD CONSTRAINT "position_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_call_id_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_phase_idx" ON "call" USING btree ("phase","closes_at");--> statement-breakpoint
CREATE INDEX "call_clause_idx" ON "call" USING btree ("clause_id");--> statement-breakpoint
ALTER TABLE "thread" ADD CONSTRAINT "thread_call_id_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause" ADD CONSTRAINT "clause_adopted_revision_id_clause_revision_id_fk" FOREIGN KEY ("adopted_revision_id") REFERENCES "public"."clause_revision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_call_id_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "thread_call_idx" ON "thread" USING btree ("call_id");--> statement-breakpoint
ALTER TABLE "thread" ADD CONSTRAINT "thread_has_place" CHECK ("thread"."clause_id" is not null or "thread"."call_id" is not null);--> statement-breakpoint
-- A call keeps the charter numbers it opened with: nothing may change them afterwards.
CREATE FUNCTION call_charter_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.charter IS DISTINCT FROM OLD.charter THEN
    RAISE EXCEPTION 'a call''s charter cannot change once it is open' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER call_charter_frozen BEFORE UPDATE ON "call" FOR EACH ROW EXECUTE FUNCTION call_charter_frozen();
