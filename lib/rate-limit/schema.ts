import { bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Recent writes per rate-limit key (`comment:<person id>`…), one row per counted write. It lives
 * in the database every server shares, so several servers enforce one limit. Rows older than
 * their window are pruned whenever their key is used again.
 */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    at: timestamp("at", { mode: "date", withTimezone: true }).notNull(),
    cost: integer("cost").notNull().default(1),
  },
  (hit) => [index("rate_limit_hits_key_at_idx").on(hit.key, hit.at)],
);
