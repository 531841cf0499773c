import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";

export const groupKind = pgEnum("group_kind", ["advisory_group", "steering_committee"]);
export const memberRole = pgEnum("member_role", ["member", "chair"]);

/**
 * An appointment to a group for a term. The term is [startsAt, endsAt): ending a membership
 * sets endsAt, so the row stays as the public record of who served when.
 */
export const memberships = pgTable(
  "membership",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    group: groupKind("group").notNull(),
    role: memberRole("role").notNull().default("member"),
    startsAt: timestamp("starts_at", { mode: "date", withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { mode: "date", withTimezone: true }),
    appointedBy: text("appointed_by").references(() => users.id),
    endedBy: text("ended_by").references(() => users.id),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (membership) => [
    index("membership_user_idx").on(membership.userId),
    index("membership_group_idx").on(membership.group, membership.startsAt),
  ],
);

/**
 * Every wording a person's conflict-of-interest declaration has had, in order, never changed:
 * a vote names the version in force when it was cast, so editing the declaration around a vote
 * stays visible. The person's current text is also kept on `user` for the conflict checks.
 */
export const conflictDeclarations = pgTable(
  "conflict_declaration",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    text: text("text").notNull(),
    /** Affiliation counts towards conflicts too (see hasConflict), so each version keeps it. */
    affiliation: text("affiliation").notNull().default(""),
    declaredAt: timestamp("declared_at", { mode: "date", withTimezone: true })
      .notNull()
      .defaultNow(),
  },
  (declaration) => [
    index("conflict_declaration_user_idx").on(declaration.userId, declaration.declaredAt),
  ],
);
