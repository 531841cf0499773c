CREATE TYPE "public"."challenge_choice" AS ENUM('dismiss', 'uphold_cured', 'strike_off', 'confirm_misuse', 'recuse');--> statement-breakpoint
CREATE TYPE "public"."challenge_kind" AS ENUM('challenge', 'misuse_report');--> statement-breakpoint
CREATE TYPE "public"."challenge_party" AS ENUM('challenger', 'declarant');--> statement-breakpoint
CREATE TYPE "public"."challenge_phase" AS ENUM('responding', 'escalated_ag', 'ag_decided', 'escalated_sc', 'appealed', 'dismissed', 'upheld_cured', 'struck_off', 'misuse_confirmed', 'withdrawn', 'declaration_withdrawn');--> statement-breakpoint
CREATE TYPE "public"."challenge_response" AS ENUM('cure', 'dispute', 'withdraw');--> statement-breakpoint
CREATE TYPE "public"."challenge_verdict" AS ENUM('dismiss', 'uphold_cured', 'strike_off', 'confirm_misuse');--> statement-breakpoint
CREATE TABLE "challenge_appeal" (
	"challenge_id" uuid PRIMARY KEY NOT NULL,
	"appellant_id" text NOT NULL,
	"party" "challenge_party" NOT NULL,
	"reason" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_vote" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"stage" "vote_stage" NOT NULL,
	"user_id" text NOT NULL,
	"choice" "challenge_choice" NOT NULL,
	"rationale" text NOT NULL,
	"conflict_declaration_id" uuid,
	"cast_at" timestamp with time zone NOT NULL,
	CONSTRAINT "challenge_vote_once" UNIQUE("challenge_id","stage","user_id")
);
--> statement-breakpoint
CREATE TABLE "challenge" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"kind" "challenge_kind" NOT NULL,
	"standard_id" uuid NOT NULL,
	"declaration_id" uuid,
	"declaration_version" integer,
	"clauses" text[] DEFAULT '{}' NOT NULL,
	"reason" text NOT NULL,
	"evidence" text[] DEFAULT '{}' NOT NULL,
	"subject_name" text,
	"seen_at" text,
	"subject_url" text,
	"filed_by" text NOT NULL,
	"withhold_name" boolean DEFAULT false NOT NULL,
	"organisations" text[] DEFAULT '{}' NOT NULL,
	"charter" jsonb NOT NULL,
	"phase" "challenge_phase" NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"response_deadline" timestamp with time zone,
	"response" "challenge_response",
	"response_text" text,
	"response_evidence" text[] DEFAULT '{}' NOT NULL,
	"responded_by" text,
	"responded_at" timestamp with time zone,
	"cure_version" integer,
	"ag_deadline" timestamp with time zone,
	"ag_decision" "challenge_verdict",
	"ag_rationale" text,
	"appeal_deadline" timestamp with time zone,
	"rationale" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "challenge_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "charter" ADD COLUMN "challenge_response_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "charter" ADD COLUMN "challenge_on_badge" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "charter" ADD COLUMN "relisting_ban_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "declaration" ADD COLUMN "open_challenges" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "declaration" ADD COLUMN "relisting_barred_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "challenge_appeal" ADD CONSTRAINT "challenge_appeal_challenge_id_challenge_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenge"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_appeal" ADD CONSTRAINT "challenge_appeal_appellant_id_user_id_fk" FOREIGN KEY ("appellant_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_vote" ADD CONSTRAINT "challenge_vote_challenge_id_challenge_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenge"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_vote" ADD CONSTRAINT "challenge_vote_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_vote" ADD CONSTRAINT "challenge_vote_conflict_declaration_id_conflict_declaration_id_fk" FOREIGN KEY ("conflict_declaration_id") REFERENCES "public"."conflict_declaration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge" ADD CONSTRAINT "challenge_standard_id_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge" ADD CONSTRAINT "challenge_declaration_id_declaration_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declaration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge" ADD CONSTRAINT "challenge_filed_by_user_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge" ADD CONSTRAINT "challenge_responded_by_user_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "challenge_phase_idx" ON "challenge" USING btree ("phase");--> statement-breakpoint
CREATE INDEX "challenge_declaration_idx" ON "challenge" USING btree ("declaration_id");--> statement-breakpoint
CREATE INDEX "challenge_filed_by_idx" ON "challenge" USING btree ("filed_by","filed_at");--> statement-breakpoint
CREATE INDEX "challenge_standard_idx" ON "challenge" USING btree ("standard_id","phase");--> statement-breakpoint
CREATE FUNCTION public_rows_are_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are part of the public record and are never deleted', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER challenge_never_deleted BEFORE DELETE ON "challenge" FOR EACH ROW EXECUTE FUNCTION public_rows_are_never_deleted();--> statement-breakpoint
CREATE TRIGGER challenge_no_truncate BEFORE TRUNCATE ON "challenge" FOR EACH STATEMENT EXECUTE FUNCTION public_rows_are_never_deleted();--> statement-breakpoint
CREATE TRIGGER challenge_vote_final BEFORE UPDATE OR DELETE ON "challenge_vote" FOR EACH ROW EXECUTE FUNCTION release_rows_are_final();--> statement-breakpoint
CREATE TRIGGER challenge_vote_no_truncate BEFORE TRUNCATE ON "challenge_vote" FOR EACH STATEMENT EXECUTE FUNCTION release_rows_are_final();--> statement-breakpoint
CREATE TRIGGER challenge_appeal_final BEFORE UPDATE OR DELETE ON "challenge_appeal" FOR EACH ROW EXECUTE FUNCTION release_rows_are_final();--> statement-breakpoint
CREATE TRIGGER challenge_appeal_no_truncate BEFORE TRUNCATE ON "challenge_appeal" FOR EACH STATEMENT EXECUTE FUNCTION release_rows_are_final();
