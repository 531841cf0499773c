CREATE TABLE "api_token" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"scopes" text[] NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_token_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "webhook_attempt" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" integer,
	"duration_ms" integer NOT NULL,
	"problem" text
);
--> statement-breakpoint
CREATE TABLE "webhook_delivery" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"event_type" text NOT NULL,
	"audit_id" bigint,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "webhook_delivery_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoint" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" text NOT NULL,
	"standard_id" uuid,
	"organisation_id" uuid,
	"url" text NOT NULL,
	"format" text DEFAULT 'json' NOT NULL,
	"matrix_room_id" text,
	"matrix_access_token" text,
	"secret" text NOT NULL,
	"events" text[] NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"failures_in_row" integer DEFAULT 0 NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_endpoint_one_subject" CHECK (("webhook_endpoint"."standard_id" is null) <> ("webhook_endpoint"."organisation_id" is null))
);
--> statement-breakpoint
CREATE TABLE "webhook_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"audit_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempt" ADD CONSTRAINT "webhook_attempt_delivery_id_webhook_delivery_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_delivery"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_delivery" ADD CONSTRAINT "webhook_delivery_endpoint_id_webhook_endpoint_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoint"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_owner_id_user_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_standard_id_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoint" ADD CONSTRAINT "webhook_endpoint_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_token_user_idx" ON "api_token" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_attempt_delivery_idx" ON "webhook_attempt" USING btree ("delivery_id","at");--> statement-breakpoint
CREATE INDEX "webhook_delivery_due_idx" ON "webhook_delivery" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_delivery_endpoint_idx" ON "webhook_delivery" USING btree ("endpoint_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_endpoint_standard_idx" ON "webhook_endpoint" USING btree ("standard_id");--> statement-breakpoint
CREATE INDEX "webhook_endpoint_organisation_idx" ON "webhook_endpoint" USING btree ("organisation_id");--> statement-breakpoint
-- Webhook events are queued in the transaction that records them: a change that rolls back
-- sends nothing, and one that commits is never missed. Sign-ins and refusals are no one's
-- business; nothing is queued while no endpoint listens.
CREATE FUNCTION "hum_queue_webhook_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.action NOT LIKE 'auth.%' AND NEW.action NOT LIKE 'access.%'
     AND EXISTS (SELECT 1 FROM "webhook_endpoint" WHERE "enabled") THEN
    INSERT INTO "webhook_event" ("audit_id") VALUES (NEW.id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_webhook_event" AFTER INSERT ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "hum_queue_webhook_event"();
--> statement-breakpoint
-- A revoked token is announced on the change feed, so each server's front stops serving the
-- token's reads from what it keeps (lib/http/front-api.ts) as soon as the revocation commits.
CREATE OR REPLACE FUNCTION "hum_announce_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  subject text;
BEGIN
  IF TG_TABLE_NAME = 'audit_log' THEN
    subject := 'audit ' || NEW.id;
  ELSIF TG_TABLE_NAME = 'comment' THEN
    subject := 'thread ' || NEW.thread_id;
  ELSIF TG_TABLE_NAME = 'clause_text' THEN
    subject := 'clause ' || NEW.clause_id;
  ELSIF TG_TABLE_NAME = 'section_text' THEN
    subject := 'section ' || NEW.section_id;
  ELSIF TG_TABLE_NAME = 'api_token' THEN
    subject := 'token ' || NEW.id;
  ELSE
    subject := 'registry';
  END IF;
  PERFORM pg_notify('hum_change', nextval('hum_change_seq') || ' ' || subject);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "api_token_announce" AFTER UPDATE OF "revoked_at" ON "api_token"
  FOR EACH ROW EXECUTE FUNCTION "hum_announce_change"();
