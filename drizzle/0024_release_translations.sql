CREATE TYPE "public"."translation_locale" AS ENUM('fr', 'de');--> statement-breakpoint
CREATE TYPE "public"."translation_state" AS ENUM('draft', 'in_call', 'published');--> statement-breakpoint
ALTER TYPE "public"."call_kind" ADD VALUE 'translation';--> statement-breakpoint
CREATE TABLE "clause_translation" (
	"translation_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"body" jsonb NOT NULL,
	"assessment" jsonb NOT NULL,
	"examples" jsonb NOT NULL,
	"translated_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	"needs_translation" boolean DEFAULT true NOT NULL,
	CONSTRAINT "clause_translation_translation_id_ref_pk" PRIMARY KEY("translation_id","ref")
);
--> statement-breakpoint
CREATE TABLE "release_translation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"release_id" uuid NOT NULL,
	"locale" "translation_locale" NOT NULL,
	"state" "translation_state" DEFAULT 'draft' NOT NULL,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"carried_from" uuid,
	"content" jsonb,
	"sha256" text,
	"published_at" timestamp with time zone,
	CONSTRAINT "release_translation_locale_unique" UNIQUE("release_id","locale")
);
--> statement-breakpoint
ALTER TABLE "call" ADD COLUMN "translation_id" uuid;--> statement-breakpoint
ALTER TABLE "clause_translation" ADD CONSTRAINT "clause_translation_translation_id_release_translation_id_fk" FOREIGN KEY ("translation_id") REFERENCES "public"."release_translation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_translation" ADD CONSTRAINT "clause_translation_translated_by_user_id_fk" FOREIGN KEY ("translated_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_translation" ADD CONSTRAINT "release_translation_release_id_release_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."release"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_translation" ADD CONSTRAINT "release_translation_started_by_user_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_translation" ADD CONSTRAINT "release_translation_carried_from_release_translation_id_fk" FOREIGN KEY ("carried_from") REFERENCES "public"."release_translation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call" ADD CONSTRAINT "call_translation_id_release_translation_id_fk" FOREIGN KEY ("translation_id") REFERENCES "public"."release_translation"("id");--> statement-breakpoint
-- A published translation is final: its row may not change or go, nor may its clauses' words.
CREATE FUNCTION published_translation_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'release_translation' THEN
    IF OLD."state" = 'published' THEN
      RAISE EXCEPTION 'a published translation is immutable' USING ERRCODE = 'insufficient_privilege';
    END IF;
  ELSIF EXISTS (
    SELECT 1 FROM "release_translation" WHERE "id" = OLD."translation_id" AND "state" = 'published'
  ) THEN
    RAISE EXCEPTION 'a published translation is immutable' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;--> statement-breakpoint
CREATE TRIGGER release_translation_final BEFORE UPDATE OR DELETE ON "release_translation" FOR EACH ROW EXECUTE FUNCTION published_translation_is_final();--> statement-breakpoint
CREATE TRIGGER clause_translation_final BEFORE UPDATE OR DELETE ON "clause_translation" FOR EACH ROW EXECUTE FUNCTION published_translation_is_final();
