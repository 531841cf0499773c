import {
  type AnyPgColumn,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import type { Mapping } from "@/lib/drafting/mappings";
import type { RichText } from "@/lib/drafting/rich-text";
import { sectionKinds } from "@/lib/drafting/sections-rules";

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

/** Raw bytes (the Yjs state), as node-postgres reads and writes them. */
const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value),
  fromDriver: (value) => new Uint8Array(value),
});

export const clauseStrength = pgEnum("clause_strength", ["MUST", "SHOULD", "MAY"]);

/**
 * The unit of drafting. Its reference (`refCode-refNumber`, e.g. SW-4) is given once and kept
 * when the clause moves to another module or retires; clauses are never deleted.
 */
export const clauses = pgTable(
  "clause",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => modules.id),
    refCode: text("ref_code").notNull(),
    refNumber: integer("ref_number").notNull(),
    title: text("title").notNull(),
    /** The lowest level that requires the clause; null means recommended only. */
    levelId: uuid("level_id").references(() => levels.id),
    strength: clauseStrength("strength").notNull(),
    /** Order within its module. */
    position: integer("position").notNull(),
    retiredAt: timestamp("retired_at", { mode: "date", withTimezone: true }),
    /** The revision a consensus call adopted last: what the next release contains. */
    adoptedRevisionId: uuid("adopted_revision_id").references(
      (): AnyPgColumn => clauseRevisions.id,
    ),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (clause) => [
    unique("clause_ref_unique").on(clause.standardId, clause.refCode, clause.refNumber),
    index("clause_module_idx").on(clause.moduleId, clause.position),
  ],
);

/**
 * The working copy of a clause's text: the Yjs state the collab server edits, with the Tiptap
 * JSON and plain text derived from it, always written together.
 */
export const clauseTexts = pgTable("clause_text", {
  clauseId: uuid("clause_id")
    .primaryKey()
    .references(() => clauses.id),
  yjsState: bytea("yjs_state"),
  body: jsonb("body").$type<RichText>().notNull(),
  assessment: jsonb("assessment").$type<RichText>().notNull(),
  examples: jsonb("examples").$type<RichText>().notNull(),
  /** Links to provisions of other frameworks; edited by form, not live, and revised with the text. */
  mappings: jsonb("mappings").$type<Mapping[]>().notNull().default([]),
  plainText: text("plain_text").notNull().default(""),
  updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

export const revisionKind = pgEnum("revision_kind", ["saved", "automatic", "restored", "imported"]);

/** A named snapshot of a clause's text. History is only ever appended to. */
export const clauseRevisions = pgTable(
  "clause_revision",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clauseId: uuid("clause_id")
      .notNull()
      .references(() => clauses.id),
    number: integer("number").notNull(),
    kind: revisionKind("kind").notNull(),
    note: text("note").notNull().default(""),
    title: text("title").notNull(),
    strength: clauseStrength("strength").notNull(),
    levelId: uuid("level_id").references(() => levels.id),
    body: jsonb("body").$type<RichText>().notNull(),
    assessment: jsonb("assessment").$type<RichText>().notNull(),
    examples: jsonb("examples").$type<RichText>().notNull(),
    mappings: jsonb("mappings").$type<Mapping[]>().notNull().default([]),
    plainText: text("plain_text").notNull(),
    /** Who changed the text since the previous revision. */
    authorIds: text("author_ids").array().notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (revision) => [unique("clause_revision_number_unique").on(revision.clauseId, revision.number)],
);

/** Who edited a clause's text, and when last: the authors of its next revision. */
export const clauseEdits = pgTable(
  "clause_edit",
  {
    clauseId: uuid("clause_id")
      .notNull()
      .references(() => clauses.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    lastEditAt: timestamp("last_edit_at", { mode: "date", withTimezone: true }).notNull(),
  },
  (edit) => [primaryKey({ columns: [edit.clauseId, edit.userId] })],
);

export const sectionKind = pgEnum("section_kind", sectionKinds);

/**
 * A prose section of a standard (scope, definitions, licence…). Like a clause it is co-edited
 * live, revised, adopted by a call and frozen into releases; its slug is its permalink anchor
 * and, like a clause reference, is never reused. Sections are never deleted, only retired.
 */
export const sections = pgTable(
  "section",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    kind: sectionKind("kind").notNull(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    /** Order among the standard's sections. */
    position: integer("position").notNull(),
    retiredAt: timestamp("retired_at", { mode: "date", withTimezone: true }),
    /** The revision a call adopted last: what the next release contains. */
    adoptedRevisionId: uuid("adopted_revision_id").references(
      (): AnyPgColumn => sectionRevisions.id,
    ),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (section) => [
    unique("section_slug_unique").on(section.standardId, section.slug),
    index("section_position_idx").on(section.standardId, section.position),
  ],
);

/** The working copy of a section: its Yjs state with the JSON and plain text derived from it. */
export const sectionTexts = pgTable("section_text", {
  sectionId: uuid("section_id")
    .primaryKey()
    .references(() => sections.id),
  yjsState: bytea("yjs_state"),
  body: jsonb("body").$type<RichText>().notNull(),
  plainText: text("plain_text").notNull().default(""),
  updatedAt: timestamp("updated_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

/** A snapshot of a section's title and text; only ever appended to. */
export const sectionRevisions = pgTable(
  "section_revision",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id),
    number: integer("number").notNull(),
    kind: revisionKind("kind").notNull(),
    note: text("note").notNull().default(""),
    title: text("title").notNull(),
    body: jsonb("body").$type<RichText>().notNull(),
    plainText: text("plain_text").notNull(),
    authorIds: text("author_ids").array().notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (revision) => [unique("section_revision_number_unique").on(revision.sectionId, revision.number)],
);

/** Who edited a section's text, and when last: the authors of its next revision. */
export const sectionEdits = pgTable(
  "section_edit",
  {
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    lastEditAt: timestamp("last_edit_at", { mode: "date", withTimezone: true }).notNull(),
  },
  (edit) => [primaryKey({ columns: [edit.sectionId, edit.userId] })],
);

/**
 * Another framework a standard's clauses map to (ETSI EN 303 645, NIST IR 8259A…). Its key is
 * what mappings name, so a framework's row can gain a version or a new address without
 * touching the revisions that map to it.
 */
export const frameworks = pgTable(
  "framework",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    key: text("key").notNull(),
    name: text("name").notNull(),
    version: text("version").notNull().default(""),
    url: text("url").notNull().default(""),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (framework) => [unique("framework_key_unique").on(framework.standardId, framework.key)],
);
