-- Declarations made before versions were kept become each person's first version.
INSERT INTO conflict_declaration (user_id, text, affiliation, declared_at)
  SELECT id, conflict_of_interest, affiliation, now() FROM "user"
  WHERE conflict_of_interest <> '' OR affiliation <> '';
--> statement-breakpoint
-- A version is what a vote points at: it is never rewritten or removed.
CREATE FUNCTION conflict_declaration_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'conflict_declaration is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER conflict_declaration_no_update_or_delete
  BEFORE UPDATE OR DELETE ON conflict_declaration
  FOR EACH ROW EXECUTE FUNCTION conflict_declaration_refuse_change();
