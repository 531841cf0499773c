import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import { standards } from "@/lib/drafting/schema";
import { organisations } from "@/lib/registry/schema";

/**
 * Outgoing webhooks. An endpoint listens to one standard's events (set up by the secretariat) or
 * to one organisation's declarations (set up by its representatives). Events are queued by a
 * trigger on the audit log, in the transaction that records them (drizzle/0025_api.sql); the
 * scheduler turns each into one delivery per endpoint that wants it, and sends deliveries row by
 * row, so two servers never send one twice.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoint",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    standardId: uuid("standard_id").references(() => standards.id),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    url: text("url").notNull(),
    /** json (Standard Webhooks), slack, discord, teams or matrix. */
    format: text("format").notNull().default("json"),
    /** The Matrix room messages go to, and the access token that may post there. */
    matrixRoomId: text("matrix_room_id"),
    matrixAccessToken: text("matrix_access_token"),
    /** "whsec_" and the base64 key that signs every delivery. */
    secret: text("secret").notNull(),
    /** Event types, e.g. call.opened; empty means every event of its subject. */
    events: text("events").array().notNull(),
    /** The language chat messages are written in. */
    language: text("language").notNull().default("en"),
    enabled: boolean("enabled").notNull().default(true),
    /** Failures in a row; reset by a delivery that succeeds. */
    failuresInRow: integer("failures_in_row").notNull().default(0),
    disabledAt: timestamp("disabled_at", { mode: "date", withTimezone: true }),
    disabledReason: text("disabled_reason"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (endpoint) => [
    check(
      "webhook_endpoint_one_subject",
      sql`(${endpoint.standardId} is null) <> (${endpoint.organisationId} is null)`,
    ),
    index("webhook_endpoint_standard_idx").on(endpoint.standardId),
    index("webhook_endpoint_organisation_idx").on(endpoint.organisationId),
  ],
);

/** An audit entry waiting to be turned into deliveries; filled by the audit log's trigger. */
export const webhookEvents = pgTable("webhook_event", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  auditId: bigint("audit_id", { mode: "number" }).notNull(),
  createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});

/** One message for one endpoint, with its attempts; kept for the endpoint's delivery log. */
export const webhookDeliveries = pgTable(
  "webhook_delivery",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** The `webhook-id` header: the same on every retry, so a receiver can drop duplicates. */
    messageId: text("message_id").notNull().unique(),
    eventType: text("event_type").notNull(),
    /** The audit entry it tells of; null for a test event. */
    auditId: bigint("audit_id", { mode: "number" }),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** pending, delivered or failed (given up). */
    state: text("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { mode: "date", withTimezone: true })
      .notNull()
      .defaultNow(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { mode: "date", withTimezone: true }),
  },
  (delivery) => [
    index("webhook_delivery_due_idx").on(delivery.state, delivery.nextAttemptAt),
    index("webhook_delivery_endpoint_idx").on(delivery.endpointId, delivery.createdAt),
  ],
);

/** Each attempt at a delivery: when, the answer's status (null: no answer), how long it took. */
export const webhookAttempts = pgTable(
  "webhook_attempt",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    at: timestamp("at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    status: integer("status"),
    durationMs: integer("duration_ms").notNull(),
    /** What went wrong without an answer: timeout, refused_address, network… */
    problem: text("problem"),
  },
  (attempt) => [index("webhook_attempt_delivery_idx").on(attempt.deliveryId, attempt.at)],
);
