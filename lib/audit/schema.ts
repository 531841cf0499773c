import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The public record. Append-only: a trigger in the migrations refuses UPDATE, DELETE and
 * TRUNCATE, so not even a bug in lib/ can rewrite history. No foreign key on the actor, because
 * a cascading change would be an update.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    details: jsonb("details").$type<Record<string, string | number | boolean | null>>().notNull(),
  },
  (entry) => [
    index("audit_log_at_idx").on(entry.at),
    index("audit_log_action_idx").on(entry.action, entry.at),
    index("audit_log_subject_idx").on(entry.subjectType, entry.subjectId),
  ],
);
