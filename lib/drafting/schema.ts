import { integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/** A standard and its axes. Modules and levels are data, so no community is built in. */
export const standards = pgTable("standard", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  summary: text("summary").notNull().default(""),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

export const modules = pgTable(
  "module",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    summary: text("summary").notNull().default(""),
    position: integer("position").notNull(),
  },
  (module) => [
    unique("module_code_unique").on(module.standardId, module.code),
    unique("module_position_unique").on(module.standardId, module.position),
  ],
);

export const levels = pgTable(
  "level",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    name: text("name").notNull(),
    summary: text("summary").notNull().default(""),
    position: integer("position").notNull(),
  },
  (level) => [
    unique("level_name_unique").on(level.standardId, level.name),
    unique("level_position_unique").on(level.standardId, level.position),
  ],
);
