CREATE TYPE "public"."clause_strength" AS ENUM('MUST', 'SHOULD', 'MAY');--> statement-breakpoint
CREATE TYPE "public"."revision_kind" AS ENUM('saved', 'automatic', 'restored', 'imported');--> statement-breakpoint
CREATE TABLE "clause_edit" (
	"clause_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"last_edit_at" timestamp with time zone NOT NULL,
	CONSTRAINT "clause_edit_clause_id_user_id_pk" PRIMARY KEY("clause_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "clause_revision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clause_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" "revision_kind" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"strength" "clause_strength" NOT NULL,
	"level_id" uuid,
	"body" jsonb NOT NULL,
	"assessment" jsonb NOT NULL,
	"examples" jsonb NOT NULL,
	"plain_text" text NOT NULL,
	"author_ids" text[] NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clause_revision_number_unique" UNIQUE("clause_id","number")
);
--> statement-breakpoint
CREATE TABLE "clause_text" (
	"clause_id" uuid PRIMARY KEY NOT NULL,
	"yjs_state" "bytea",
	"body" jsonb NOT NULL,
	"assessment" jsonb NOT NULL,
	"examples" jsonb NOT NULL,
	"plain_text" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clause" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"standard_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"ref_code" text NOT NULL,
	"ref_number" integer NOT NULL,
	"title" text NOT NULL,
	"level_id" uuid,
	"strength" "clause_strength" NOT NULL,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clause_ref_unique" UNIQUE("standard_id","ref_code","ref_number")
);
--> statement-breakpoint
ALTER TABLE "clause_edit" ADD CONSTRAINT "clause_edit_clause_id_clause_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clause"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_edit" ADD CONSTRAINT "clause_edit_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_revision" ADD CONSTRAINT "clause_revision_clause_id_clause_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clause"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_revision" ADD CONSTRAINT "clause_revision_level_id_level_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."level"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_revision" ADD CONSTRAINT "clause_revision_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause_text" ADD CONSTRAINT "clause_text_clause_id_clause_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clause"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause" ADD CONSTRAINT "clause_standard_id_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause" ADD CONSTRAINT "clause_module_id_module_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."module"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause" ADD CONSTRAINT "clause_level_id_level_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."level"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clause" ADD CONSTRAINT "clause_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clause_module_idx" ON "clause" USING btree ("module_id","position");