"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { requireSecretariat } from "@/lib/community/authz";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { webhookEndpointPath } from "@/lib/paths";
import { representativeOf } from "@/lib/registry/organisations";
import { returnPathField, slug, uuid } from "@/lib/validation";
import {
  authorizeEndpoint,
  createOrganisationEndpoint,
  createStandardEndpoint,
  deleteEndpoint,
  endpointInputSchema,
  queueTestEvent,
  setEndpointEnabled,
} from "@/lib/webhooks/endpoints";
import { standardBySlug } from "@/lib/webhooks/queries";

// Who may do what is decided in lib/webhooks (the secretariat for a standard's endpoints, the
// representatives in office for an organisation's); these only read the form.

/** The ticked events arrive as fields named `event:<type>`. */
const withEvents = (raw: unknown) => {
  const fields = (raw ?? {}) as Record<string, unknown>;
  const events = Object.keys(fields)
    .filter((name) => name.startsWith("event:"))
    .map((name) => name.slice("event:".length));
  return { ...fields, events };
};

export const createEndpointAction = defineAction({
  name: "createWebhookEndpoint",
  schema: z.preprocess(
    withEvents,
    z.intersection(
      endpointInputSchema,
      z.object({ owner: z.enum(["standard", "organisation"]), slug }),
    ),
  ),
  run: async ({ owner, slug, ...input }, participant) => {
    const db = getDb();
    if (owner === "organisation") {
      const representative = await representativeOf(db, participant, slug, "webhooks.create");
      const { id } = await createOrganisationEndpoint(db, representative, input);
      return webhookEndpointPath({ organisation: slug }, id);
    }
    const secretary = await requireSecretariat(db, participant, "webhooks.create");
    const standard = await standardBySlug(db, slug);
    if (!standard) throw new DomainError("not_found");
    const { id } = await createStandardEndpoint(db, secretary, standard.id, input);
    return webhookEndpointPath({ standard: slug }, id);
  },
  done: { key: "webhooks.notices.created" },
  redirectTo: (path) => path,
});

export const setEndpointEnabledAction = defineAction({
  name: "setWebhookEndpointEnabled",
  schema: z.object({ endpointId: uuid, enabled: z.enum(["true", "false"]) }),
  run: async ({ endpointId, enabled }, participant) => {
    const db = getDb();
    const endpoint = await authorizeEndpoint(db, participant, endpointId, "webhooks.manage");
    await setEndpointEnabled(db, endpoint, enabled === "true");
  },
  done: { key: "webhooks.notices.saved" },
});

export const deleteEndpointAction = defineAction({
  name: "deleteWebhookEndpoint",
  schema: z.object({ endpointId: uuid, back: returnPathField }),
  run: async ({ endpointId }, participant) => {
    const db = getDb();
    const endpoint = await authorizeEndpoint(db, participant, endpointId, "webhooks.manage");
    await deleteEndpoint(db, endpoint);
  },
  done: { key: "webhooks.notices.deleted" },
  redirectTo: (_data, input) => input.back ?? null,
});

export const sendTestEventAction = defineAction({
  name: "sendWebhookTestEvent",
  schema: z.object({ endpointId: uuid }),
  run: async ({ endpointId }, participant) => {
    const db = getDb();
    const endpoint = await authorizeEndpoint(db, participant, endpointId, "webhooks.manage");
    await queueTestEvent(db, endpoint);
  },
  done: { key: "webhooks.notices.testQueued" },
});
