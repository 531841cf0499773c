-- Reasons given before they had rows of their own (every stand but "object", whose reason is a
-- comment) become position_reason rows, so the advisory group can hide them too.
INSERT INTO "position_reason" ("call_id", "author_id", "stance", "body", "given_at")
SELECT "call_id", "user_id", "stance", "reason", "taken_at"
FROM "position"
WHERE "reason" <> '' AND "stance" <> 'object' AND "reason_id" IS NULL;
--> statement-breakpoint
UPDATE "position" SET "reason_id" = "position_reason"."id"
FROM "position_reason"
WHERE "position_reason"."call_id" = "position"."call_id"
  AND "position_reason"."author_id" = "position"."user_id"
  AND "position"."reason" <> '' AND "position"."stance" <> 'object'
  AND "position"."reason_id" IS NULL;
