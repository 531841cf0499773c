import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type Participant, requireSecretariat, type Secretariat } from "@/lib/community/authz";
import type { Database, Executor } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import { outboundAllowsLoopback, publicUrl } from "@/lib/env";
import { DomainError, type FieldErrorCode, fieldError } from "@/lib/errors";
import { checkOutboundTarget, type Resolver } from "@/lib/http/outbound";
import { locales } from "@/lib/locale";
import { organisationPath, standardPath } from "@/lib/paths";
import { type Representative, requireRepresentative } from "@/lib/registry/authz";
import { organisations } from "@/lib/registry/schema";
import { eventTypesFor, TEST_EVENT, webhookEventTypes } from "@/lib/webhooks/events";
import { webhookFormats } from "@/lib/webhooks/formats";
import { webhookDeliveries, webhookEndpoints } from "@/lib/webhooks/schema";
import { generateSecret, newMessageId } from "@/lib/webhooks/signature";

/** What a form sends to create an endpoint. */
export const endpointInputSchema = z
  .object({
    url: z.string(fieldError("required")).trim().min(1, fieldError("required")).max(2000),
    format: z.enum(webhookFormats, fieldError("required")),
    matrixRoomId: z.string().trim().max(255).optional().default(""),
    matrixAccessToken: z.string().trim().max(1000).optional().default(""),
    events: z.array(z.enum(webhookEventTypes)).optional().default([]),
    language: z.enum(locales).optional().default("en"),
  })
  .superRefine((input, context) => {
    if (input.format === "matrix" && (!input.matrixRoomId || !input.matrixAccessToken)) {
      context.addIssue({ code: "custom", path: ["matrixRoomId"], message: "matrix_room_required" });
    }
  });
export type EndpointInput = z.input<typeof endpointInputSchema>;

/**
 * Whether a URL may receive webhooks: https (plain http and loopback only where the test setting
 * allows), and a host that resolves only to public addresses. Checked when saved; the fetcher
 * checks again at every delivery, as a name may point elsewhere by then.
 */
export async function webhookUrlProblem(
  url: string,
  options: { resolve?: Resolver } = {},
): Promise<FieldErrorCode | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "invalid_url";
  }
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && outboundAllowsLoopback())) {
    return "webhook_not_https";
  }
  const verdict = await checkOutboundTarget(url, options);
  if (verdict === "refused_address") return "private_address";
  return verdict === "ok" ? null : "invalid_url";
}

export type EndpointSubject = { standardId: string } | { organisationId: string };

/**
 * Creates an endpoint for `ownerId` after checking its URL; authorization is the caller's (the
 * secretariat's and representatives' functions below, or a test or bench that sets one up).
 */
export async function createWebhookEndpoint(
  db: Executor,
  ownerId: string,
  subject: EndpointSubject,
  raw: EndpointInput,
  options: { resolve?: Resolver } = {},
): Promise<{ id: string; secret: string }> {
  const parsed = endpointInputSchema.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, FieldErrorCode> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      fields[field] ??= issue.message === "matrix_room_required" ? issue.message : "invalid";
    }
    throw new DomainError("invalid_input", fields);
  }
  const input = parsed.data;
  const problem = await webhookUrlProblem(input.url, options);
  if (problem) throw new DomainError("invalid_input", { url: problem });
  const allowed = eventTypesFor("standardId" in subject ? "standard" : "organisation");
  const secret = generateSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      ownerId,
      ...subject,
      url: input.url,
      format: input.format,
      matrixRoomId: input.format === "matrix" ? input.matrixRoomId : null,
      matrixAccessToken: input.format === "matrix" ? input.matrixAccessToken : null,
      secret,
      events: input.events.filter((type) => allowed.includes(type)),
      language: input.language,
    })
    .returning({ id: webhookEndpoints.id });
  if (!row) throw new DomainError("internal");
  return { id: row.id, secret };
}

/** The secretariat subscribes to a standard's events. */
export function createStandardEndpoint(
  db: Database,
  secretary: Secretariat,
  standardId: string,
  input: EndpointInput,
) {
  return createWebhookEndpoint(db, secretary.id, { standardId }, input);
}

/** A representative subscribes to their organisation's registry events. */
export function createOrganisationEndpoint(
  db: Database,
  representative: Representative,
  input: EndpointInput,
) {
  return createWebhookEndpoint(
    db,
    representative.id,
    { organisationId: representative.organisationId },
    input,
  );
}

declare const mayManage: unique symbol;
/** An endpoint and the proof that the caller may manage it (only `authorizeEndpoint` makes one). */
export type ManagedEndpoint = typeof webhookEndpoints.$inferSelect & { readonly [mayManage]: true };

/**
 * The secretariat manages a standard's endpoints; an organisation's representatives in office
 * manage its endpoints. Anyone else is refused on the record, as every refusal is.
 */
export async function authorizeEndpoint(
  db: Database,
  participant: Participant,
  endpointId: string,
  attempted: string,
): Promise<ManagedEndpoint> {
  const [endpoint] = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, endpointId));
  if (!endpoint) throw new DomainError("not_found");
  if (endpoint.organisationId) {
    await requireRepresentative(db, participant, endpoint.organisationId, attempted);
  } else {
    await requireSecretariat(db, participant, attempted);
  }
  return endpoint as ManagedEndpoint;
}

/** Turns an endpoint on (its run of failures forgotten) or off; what waits is sent once on. */
export async function setEndpointEnabled(
  db: Database,
  endpoint: ManagedEndpoint,
  enabled: boolean,
  now = new Date(),
): Promise<void> {
  await db
    .update(webhookEndpoints)
    .set(
      enabled
        ? { enabled, failuresInRow: 0, disabledAt: null, disabledReason: null }
        : { enabled, disabledAt: now, disabledReason: "by_owner" },
    )
    .where(eq(webhookEndpoints.id, endpoint.id));
}

/** Deletes an endpoint with its deliveries and their log. */
export async function deleteEndpoint(db: Database, endpoint: ManagedEndpoint): Promise<void> {
  await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
}

/** Queues a `webhook.test` delivery, sent by the scheduler like any other. */
export async function queueTestEvent(
  db: Database,
  endpoint: Pick<ManagedEndpoint, "id" | "standardId" | "organisationId">,
  now = new Date(),
  origin = publicUrl(),
): Promise<string> {
  const [standard] = endpoint.standardId
    ? await db
        .select({ slug: standards.slug, name: standards.name })
        .from(standards)
        .where(eq(standards.id, endpoint.standardId))
    : [];
  const [organisation] = endpoint.organisationId
    ? await db
        .select({ slug: organisations.slug, name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, endpoint.organisationId))
    : [];
  const path = standard
    ? standardPath(standard.slug)
    : organisation
      ? organisationPath(organisation.slug)
      : "/";
  const messageId = newMessageId();
  await db.insert(webhookDeliveries).values({
    endpointId: endpoint.id,
    messageId,
    eventType: TEST_EVENT,
    payload: {
      type: TEST_EVENT,
      timestamp: now.toISOString(),
      data: {
        ...(standard ? { standard } : {}),
        ...(organisation ? { organisation } : {}),
        url: `${origin}${path}`,
      },
    },
    nextAttemptAt: now,
  });
  return messageId;
}
