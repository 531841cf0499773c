ALTER TABLE "user" ADD COLUMN "name_key" text;--> statement-breakpoint
ALTER TABLE "user" ADD CONSTRAINT "user_name_key_unique" UNIQUE("name_key");