ALTER TABLE "call" ADD COLUMN "rationale_message" jsonb;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "message" jsonb;