-- The change feed: every committed change to what public pages show is announced on the
-- `hum_change` channel, so each server's front forgets the pages it kept that show it. A
-- notification is delivered only when its transaction commits. The sequence numbers them: a
-- server that sees the sequence move without hearing of it knows its channel was lost.
CREATE SEQUENCE "hum_change_seq";
--> statement-breakpoint
CREATE FUNCTION "hum_announce_change"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  ELSE
    subject := 'registry';
  END IF;
  PERFORM pg_notify('hum_change', nextval('hum_change_seq') || ' ' || subject);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_announce" AFTER INSERT ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "hum_announce_change"();
--> statement-breakpoint
CREATE TRIGGER "comment_announce" AFTER INSERT OR UPDATE ON "comment"
  FOR EACH ROW EXECUTE FUNCTION "hum_announce_change"();
--> statement-breakpoint
CREATE TRIGGER "clause_text_announce" AFTER INSERT OR UPDATE ON "clause_text"
  FOR EACH ROW EXECUTE FUNCTION "hum_announce_change"();
--> statement-breakpoint
CREATE TRIGGER "section_text_announce" AFTER INSERT OR UPDATE ON "section_text"
  FOR EACH ROW EXECUTE FUNCTION "hum_announce_change"();
--> statement-breakpoint
CREATE TRIGGER "evidence_link_announce" AFTER INSERT OR UPDATE OF "changed_at" ON "evidence_link"
  FOR EACH ROW EXECUTE FUNCTION "hum_announce_change"();
