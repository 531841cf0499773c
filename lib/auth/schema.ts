import type { AdapterAccountType } from "@auth/core/adapters";
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * Auth.js tables (the Drizzle adapter's shape), with the community profile kept on the user row:
 * `name` is the public display name, and nothing else here is shown publicly but
 * the affiliation and the conflict-of-interest declaration.
 */
export const users = pgTable("user", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  /** The name as compared (lib/community/rules.ts `nameKey`): no two people share one. */
  nameKey: text("name_key").unique("user_name_key_unique"),
  email: text("email").unique(),
  emailVerified: timestamp("emailVerified", { mode: "date", withTimezone: true }),
  image: text("image"),
  affiliation: text("affiliation").notNull().default(""),
  conflictOfInterest: text("conflict_of_interest").notNull().default(""),
  isSecretariat: boolean("is_secretariat").notNull().default(false),
  /** The interface and email language the person chose (lib/locale.ts); null: not chosen. */
  language: text("language"),
  /** An IANA time zone ("Europe/Paris") the person chose for dates; null: UTC. */
  timeZone: text("time_zone"),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

export const accounts = pgTable(
  "account",
  {
    userId: text("userId")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("providerAccountId").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (account) => [primaryKey({ columns: [account.provider, account.providerAccountId] })],
);

export const sessions = pgTable("session", {
  sessionToken: text("sessionToken").primaryKey(),
  userId: text("userId")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
});

export const verificationTokens = pgTable(
  "verificationToken",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (token) => [primaryKey({ columns: [token.identifier, token.token] })],
);

/** One row per magic link asked for; the source of the per-address and per-IP limits. */
export const signInRequests = pgTable(
  "sign_in_request",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (request) => [
    index("sign_in_request_email_idx").on(request.email, request.createdAt),
    index("sign_in_request_ip_idx").on(request.ip, request.createdAt),
  ],
);
