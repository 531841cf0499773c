CREATE TABLE "conflict_declaration" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"text" text NOT NULL,
	"affiliation" text DEFAULT '' NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "vote" ADD COLUMN "declaration_id" uuid;--> statement-breakpoint
ALTER TABLE "conflict_declaration" ADD CONSTRAINT "conflict_declaration_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conflict_declaration_user_idx" ON "conflict_declaration" USING btree ("user_id","declared_at");--> statement-breakpoint
ALTER TABLE "vote" ADD CONSTRAINT "vote_declaration_id_conflict_declaration_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."conflict_declaration"("id") ON DELETE no action ON UPDATE no action;