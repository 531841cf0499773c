-- Existing display names get their comparison key (lib/community/rules.ts `nameKey`, as near as
-- SQL can: NFKC, lower case, single spaces). Where two people already share a name, the earlier
-- member keeps it; the later one is asked for another when next saving their profile.
UPDATE "user" AS target
SET "name_key" = ranked.key
FROM (
  SELECT "id", key, row_number() OVER (PARTITION BY key ORDER BY "created_at", "id") AS rank
  FROM (
    SELECT "id", "created_at",
      btrim(regexp_replace(lower(normalize("name", NFKC)), '\s+', ' ', 'g')) AS key
    FROM "user"
    WHERE "name" IS NOT NULL AND btrim("name") <> ''
  ) AS keyed
) AS ranked
WHERE target."id" = ranked."id" AND ranked.rank = 1 AND target."name_key" IS NULL;
