import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";

/**
 * Personal access tokens: a program acting for one person, within the scopes they chose. Only
 * the SHA-256 of the token is stored; the token itself is shown once, when it is made. A revoked
 * or expired token stays listed (with its last use), so its owner can see what it did.
 */
export const apiTokens = pgTable(
  "api_token",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scopes: text("scopes").array().notNull(),
    /** Hex SHA-256 of the whole token. */
    tokenHash: text("token_hash").notNull().unique(),
    /** The token's first characters, shown in lists so its owner can tell tokens apart. */
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { mode: "date", withTimezone: true }),
    revokedAt: timestamp("revoked_at", { mode: "date", withTimezone: true }),
  },
  (token) => [index("api_token_user_idx").on(token.userId, token.createdAt)],
);
