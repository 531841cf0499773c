import { bigserial, customType, index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { clauses, sections } from "@/lib/drafting/schema";

/** Raw bytes (a Yjs update), as node-postgres reads and writes them. */
const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value),
  fromDriver: (value) => new Uint8Array(value),
});

/**
 * Every Yjs update a collab server accepted and not yet folded into `clause_text.yjs_state`.
 * A row is written before the server acknowledges the update to its editor, so "saved" means
 * stored; the debounced store merges the rows into the state and deletes them in one
 * transaction, and loading a document applies the state and then the rows left.
 */
export const clauseUpdates = pgTable(
  "clause_update",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    clauseId: uuid("clause_id")
      .notNull()
      .references(() => clauses.id),
    update: bytea("update").notNull(),
    at: timestamp("at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (row) => [index("clause_update_clause_idx").on(row.clauseId, row.seq)],
);

/** The same log for prose sections' documents (`section:<id>`), folded into `section_text`. */
export const sectionUpdates = pgTable(
  "section_update",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id),
    update: bytea("update").notNull(),
    at: timestamp("at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (row) => [index("section_update_section_idx").on(row.sectionId, row.seq)],
);
