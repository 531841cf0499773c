/**
 * Outgoing webhooks and chat bridges: what the launcher's scheduler runs, and what tests,
 * benches and receivers use to set up an endpoint and check a signature.
 */

export {
  createWebhookEndpoint,
  type EndpointInput,
  queueTestEvent,
  webhookUrlProblem,
} from "@/lib/webhooks/endpoints";
export {
  eventOfAction,
  eventTypeOf,
  TEST_EVENT,
  type WebhookEventType,
  webhookEventTypes,
} from "@/lib/webhooks/events";
export { fanOutWebhookEvents, payloadOf } from "@/lib/webhooks/fan-out";
export { chatBody, requestOf, type WebhookPayload } from "@/lib/webhooks/formats";
export { DISABLE_AFTER_FAILURES, RETRY_DELAYS_MS } from "@/lib/webhooks/limits";
export { type SendOptions, type SendReport, sendDueWebhooks } from "@/lib/webhooks/sending";
export {
  generateSecret,
  signedHeaders,
  signPayload,
  verifySignature,
} from "@/lib/webhooks/signature";
