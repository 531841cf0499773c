CREATE TYPE "public"."call_item_kind" AS ENUM('adopt_clause', 'adopt_section', 'retire_clause', 'restore_clause', 'move_clause', 'retire_section');--> statement-breakpoint
CREATE TYPE "public"."call_item_outcome" AS ENUM('pending', 'adopted', 'escalated', 'rejected', 'returned', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."section_kind" AS ENUM('scope', 'introduction', 'terminology', 'definitions', 'roles', 'assessment', 'licence', 'acknowledgements', 'other');--> statement-breakpoint
ALTER TYPE "public"."call_kind" ADD VALUE 'changes';--> statement-breakpoint
ALTER TYPE "public"."call_kind" ADD VALUE 'charter';--> statement-breakpoint
CREATE TABLE "call_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "call_item_kind" NOT NULL,
	"clause_id" uuid,
	"revision_id" uuid,
	"section_id" uuid,
	"section_revision_id" uuid,
	"module_id" uuid,
	"outcome" "call_item_outcome" DEFAULT 'pending' NOT NULL,
	"escalated_call_id" uuid,
	CONSTRAINT "call_item_position_unique" UNIQUE("call_id","position")
);
--> statement-breakpoint
CREATE TABLE "framework" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"standard_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"version" text DEFAULT '' NOT NULL,
	"url" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "framework_key_unique" UNIQUE("standard_id","key")
);
--> statement-breakpoint
CREATE TABLE "section_edit" (
	"section_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"last_edit_at" timestamp with time zone NOT NULL,
	CONSTRAINT "section_edit_section_id_user_id_pk" PRIMARY KEY("section_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "section_revision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" "revision_kind" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"body" jsonb NOT NULL,
	"plain_text" text NOT NULL,
	"author_ids" text[] NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "section_revision_number_unique" UNIQUE("section_id","number")
);
--> statement-breakpoint
CREATE TABLE "section_text" (
	"section_id" uuid PRIMARY KEY NOT NULL,
	"yjs_state" "bytea",
	"body" jsonb NOT NULL,
	"plain_text" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "section" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"standard_id" uuid NOT NULL,
	"kind" "section_kind" NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"adopted_revision_id" uuid,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "section_slug_unique" UNIQUE("standard_id","slug")
);
--> statement-breakpoint
ALTER TABLE "call" ADD COLUMN "parent_call_id" uuid;--> statement-breakpoint
ALTER TABLE "call" ADD COLUMN "proposed_charter" jsonb;--> statement-breakpoint
ALTER TABLE "position" ADD COLUMN "item_ids" uuid[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "clause_revision" ADD COLUMN "mappings" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "clause_text" ADD COLUMN "mappings" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "call_item" ADD CONSTRAINT "call_item_call_id_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_item" ADD CONSTRAINT "call_item_clause_id_clause_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clause"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_item" ADD CONSTRAINT "call_item_revision_id_clause_revision_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."clause_revision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_item" ADD CONSTRAINT "call_item_section_id_section_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."section"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_item" ADD CONSTRAINT "call_item_section_revision_id_section_revision_id_fk" FOREIGN KEY ("section_revision_id") REFERENCES "public"."section_revision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_item" ADD CONSTRAINT "call_item_module_id_module_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."module"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_item" ADD CONSTRAINT "call_item_escalated_call_id_call_id_fk" FOREIGN KEY ("escalated_call_id") REFERENCES "public"."call"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework" ADD CONSTRAINT "framework_standard_id_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "framework" ADD CONSTRAINT "framework_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_edit" ADD CONSTRAINT "section_edit_section_id_section_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."section"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_edit" ADD CONSTRAINT "section_edit_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_revision" ADD CONSTRAINT "section_revision_section_id_section_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."section"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_revision" ADD CONSTRAINT "section_revision_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_text" ADD CONSTRAINT "section_text_section_id_section_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."section"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section" ADD CONSTRAINT "section_standard_id_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section" ADD CONSTRAINT "section_adopted_revision_id_section_revision_id_fk" FOREIGN KEY ("adopted_revision_id") REFERENCES "public"."section_revision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section" ADD CONSTRAINT "section_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_item_clause_idx" ON "call_item" USING btree ("clause_id");--> statement-breakpoint
CREATE INDEX "call_item_section_idx" ON "call_item" USING btree ("section_id");--> statement-breakpoint
CREATE INDEX "section_position_idx" ON "section" USING btree ("standard_id","position");--> statement-breakpoint
ALTER TABLE "call" ADD CONSTRAINT "call_parent_call_id_call_id_fk" FOREIGN KEY ("parent_call_id") REFERENCES "public"."call"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_parent_idx" ON "call" USING btree ("parent_call_id");