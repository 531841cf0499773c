CREATE TABLE "section_update" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"section_id" uuid NOT NULL,
	"update" "bytea" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "section_update" ADD CONSTRAINT "section_update_section_id_section_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."section"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "section_update_section_idx" ON "section_update" USING btree ("section_id","seq");