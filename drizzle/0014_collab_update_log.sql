CREATE TABLE "clause_update" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"clause_id" uuid NOT NULL,
	"update" "bytea" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clause_update" ADD CONSTRAINT "clause_update_clause_id_clause_id_fk" FOREIGN KEY ("clause_id") REFERENCES "public"."clause"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clause_update_clause_idx" ON "clause_update" USING btree ("clause_id","seq");