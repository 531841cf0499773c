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
