ALTER TABLE "position" ADD COLUMN "comment_id" uuid;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "comment_id" uuid;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_comment_id_comment_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comment"("id") ON DELETE no action ON UPDATE no action;