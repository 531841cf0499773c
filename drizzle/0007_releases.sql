CREATE TABLE "release_candidate" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"standard_id" uuid NOT NULL,
	"version" text NOT NULL,
	"content" jsonb NOT NULL,
	"digest" text NOT NULL,
	"trace" jsonb NOT NULL,
	"left_out" text[] NOT NULL,
	"prepared_by" text NOT NULL,
	"prepared_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_withdrawal" (
	"release_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"withdrawn_by" text NOT NULL,
	"withdrawn_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"standard_id" uuid NOT NULL,
	"version" text NOT NULL,
	"content" jsonb NOT NULL,
	"digest" text NOT NULL,
	"trace" jsonb NOT NULL,
	"candidate_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "release_candidate_id_unique" UNIQUE("candidate_id"),
	CONSTRAINT "release_version_unique" UNIQUE("standard_id","version")
);
--> statement-breakpoint
ALTER TABLE "release_candidate" ADD CONSTRAINT "release_candidate_standard_id_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_candidate" ADD CONSTRAINT "release_candidate_prepared_by_user_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_withdrawal" ADD CONSTRAINT "release_withdrawal_release_id_release_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."release"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_withdrawal" ADD CONSTRAINT "release_withdrawal_withdrawn_by_user_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release" ADD CONSTRAINT "release_standard_id_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release" ADD CONSTRAINT "release_candidate_id_release_candidate_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."release_candidate"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release" ADD CONSTRAINT "release_call_id_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call" ADD CONSTRAINT "call_release_id_release_candidate_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."release_candidate"("id");--> statement-breakpoint
-- Candidates and releases are written once: nothing may change or delete them.
CREATE FUNCTION release_rows_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable once written', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER release_candidate_final BEFORE UPDATE OR DELETE ON "release_candidate" FOR EACH ROW EXECUTE FUNCTION release_rows_are_final();--> statement-breakpoint
CREATE TRIGGER release_candidate_no_truncate BEFORE TRUNCATE ON "release_candidate" FOR EACH STATEMENT EXECUTE FUNCTION release_rows_are_final();--> statement-breakpoint
CREATE TRIGGER release_final BEFORE UPDATE OR DELETE ON "release" FOR EACH ROW EXECUTE FUNCTION release_rows_are_final();--> statement-breakpoint
CREATE TRIGGER release_no_truncate BEFORE TRUNCATE ON "release" FOR EACH STATEMENT EXECUTE FUNCTION release_rows_are_final();--> statement-breakpoint
CREATE TRIGGER release_withdrawal_final BEFORE UPDATE OR DELETE ON "release_withdrawal" FOR EACH ROW EXECUTE FUNCTION release_rows_are_final();--> statement-breakpoint
-- A release exists only because an adopted call on its candidate published it.
CREATE FUNCTION release_needs_adopted_call() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM "call"
    WHERE "id" = NEW."call_id" AND "kind" = 'release' AND "phase" = 'adopted'
      AND "release_id" = NEW."candidate_id"
  ) THEN
    RAISE EXCEPTION 'a release is published only by an adopted call on its candidate' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER release_needs_adopted_call BEFORE INSERT ON "release" FOR EACH ROW EXECUTE FUNCTION release_needs_adopted_call();
