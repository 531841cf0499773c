CREATE TYPE "public"."declaration_state" AS ENUM('draft', 'pending_review', 'listed', 'lapsed', 'withdrawn', 'struck_off');--> statement-breakpoint
CREATE TYPE "public"."evidence_state" AS ENUM('unchecked', 'ok', 'moved', 'broken');--> statement-breakpoint
CREATE TABLE "declaration_evidence" (
	"declaration_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"url" text NOT NULL,
	CONSTRAINT "declaration_evidence_unique" UNIQUE("declaration_id","ref","url")
);
--> statement-breakpoint
CREATE TABLE "declaration_review" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"declaration_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"reviewer_id" text NOT NULL,
	"verdict" text NOT NULL,
	"comments" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "declaration_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"declaration_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"release_id" uuid NOT NULL,
	"body" jsonb NOT NULL,
	"digest" text NOT NULL,
	"kind" text NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "declaration_version_unique" UNIQUE("declaration_id","version")
);
--> statement-breakpoint
CREATE TABLE "declaration" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"organisation_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"state" "declaration_state" DEFAULT 'draft' NOT NULL,
	"state_reason" text,
	"state_note" text,
	"state_changed_at" timestamp with time zone NOT NULL,
	"working" jsonb NOT NULL,
	"release_id" uuid,
	"product_name" text,
	"claims" jsonb,
	"latest_version" integer DEFAULT 0 NOT NULL,
	"listed_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"reminded_days" smallint,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "declaration_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "evidence_link" (
	"url" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"state" "evidence_state" DEFAULT 'unchecked' NOT NULL,
	"status" integer,
	"final_url" text,
	"problem" text,
	"checked_at" timestamp with time zone,
	"changed_at" timestamp with time zone NOT NULL,
	"next_check_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_invitation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" text,
	CONSTRAINT "organisation_invitation_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "organisation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"website" text NOT NULL,
	"contact" text NOT NULL,
	"verification_token" text NOT NULL,
	"verified_domain" text,
	"verified_at" timestamp with time zone,
	"verified_by" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "representative" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"added_by" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"ended_by" text
);
--> statement-breakpoint
ALTER TABLE "charter" ADD COLUMN "listing_term_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "charter" ADD COLUMN "transition_days" integer DEFAULT 180 NOT NULL;--> statement-breakpoint
ALTER TABLE "charter" ADD COLUMN "declaration_review" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "declaration_evidence" ADD CONSTRAINT "declaration_evidence_declaration_id_declaration_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declaration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_review" ADD CONSTRAINT "declaration_review_declaration_id_declaration_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declaration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_review" ADD CONSTRAINT "declaration_review_reviewer_id_user_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_version" ADD CONSTRAINT "declaration_version_declaration_id_declaration_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declaration"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_version" ADD CONSTRAINT "declaration_version_release_id_release_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."release"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_version" ADD CONSTRAINT "declaration_version_published_by_user_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration" ADD CONSTRAINT "declaration_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration" ADD CONSTRAINT "declaration_standard_id_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration" ADD CONSTRAINT "declaration_release_id_release_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."release"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration" ADD CONSTRAINT "declaration_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_invitation" ADD CONSTRAINT "organisation_invitation_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_invitation" ADD CONSTRAINT "organisation_invitation_invited_by_user_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_invitation" ADD CONSTRAINT "organisation_invitation_accepted_by_user_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representative" ADD CONSTRAINT "representative_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representative" ADD CONSTRAINT "representative_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representative" ADD CONSTRAINT "representative_added_by_user_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representative" ADD CONSTRAINT "representative_ended_by_user_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "declaration_evidence_url_idx" ON "declaration_evidence" USING btree ("url");--> statement-breakpoint
CREATE INDEX "declaration_review_idx" ON "declaration_review" USING btree ("declaration_id","version");--> statement-breakpoint
CREATE INDEX "declaration_organisation_idx" ON "declaration" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "declaration_state_idx" ON "declaration" USING btree ("state","expires_at");--> statement-breakpoint
CREATE INDEX "declaration_standard_idx" ON "declaration" USING btree ("standard_id","state");--> statement-breakpoint
CREATE INDEX "declaration_claims_idx" ON "declaration" USING gin ("claims");--> statement-breakpoint
CREATE INDEX "evidence_link_due_idx" ON "evidence_link" USING btree ("next_check_at");--> statement-breakpoint
CREATE INDEX "evidence_link_changed_idx" ON "evidence_link" USING btree ("changed_at");--> statement-breakpoint
CREATE INDEX "representative_organisation_idx" ON "representative" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "representative_user_idx" ON "representative" USING btree ("user_id");--> statement-breakpoint
CREATE TRIGGER declaration_version_final BEFORE UPDATE OR DELETE ON "declaration_version" FOR EACH ROW EXECUTE FUNCTION release_rows_are_final();--> statement-breakpoint
CREATE TRIGGER declaration_version_no_truncate BEFORE TRUNCATE ON "declaration_version" FOR EACH STATEMENT EXECUTE FUNCTION release_rows_are_final();
