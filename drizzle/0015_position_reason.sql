CREATE TABLE "position_reason" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"author_id" text NOT NULL,
	"stance" "stance" NOT NULL,
	"body" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_by" text,
	"hidden_reason" text
);
--> statement-breakpoint
ALTER TABLE "position" ADD COLUMN "reason_id" uuid;--> statement-breakpoint
ALTER TABLE "position_reason" ADD CONSTRAINT "position_reason_call_id_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_reason" ADD CONSTRAINT "position_reason_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "position_reason" ADD CONSTRAINT "position_reason_hidden_by_user_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "position_reason_call_idx" ON "position_reason" USING btree ("call_id","author_id");--> statement-breakpoint
ALTER TABLE "position" ADD CONSTRAINT "position_reason_id_position_reason_id_fk" FOREIGN KEY ("reason_id") REFERENCES "public"."position_reason"("id") ON DELETE no action ON UPDATE no action;