import { translate } from "@/lib/i18n";
import { isLocale, type Locale } from "@/lib/locale";
import { TEST_EVENT } from "@/lib/webhooks/events";
import { signedHeaders } from "@/lib/webhooks/signature";

/**
 * What one delivery sends, by the endpoint's format: the Standard Webhooks JSON payload as it
 * is, or a short sentence in the endpoint's language with a link back to the page, shaped for a
 * chat's incoming webhook. Pure, so each shape is tested without a network.
 */

export const webhookFormats = ["json", "slack", "discord", "teams", "matrix"] as const;
export type WebhookFormat = (typeof webhookFormats)[number];

export function isWebhookFormat(value: string): value is WebhookFormat {
  return (webhookFormats as readonly string[]).includes(value);
}

type Fact = Record<string, string | number | null>;
type Named = { slug: string; name: string };

export type WebhookPayload = {
  type: string;
  /** When it happened, ISO 8601. */
  timestamp: string;
  data: {
    standard?: Named;
    organisation?: Named;
    url: string;
    [fact: string]: Fact | Named | string | undefined;
  };
};

const fact = (payload: WebhookPayload, name: string): Fact =>
  (payload.data[name] as Fact | undefined) ?? {};
const word = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? String(value) : "";

/** The sentence that tells of an event, in `locale`. */
export function sentenceOf(payload: WebhookPayload, locale: Locale): string {
  const t = translate("webhooks", locale);
  const call = fact(payload, "call");
  const declaration = fact(payload, "declaration");
  const challenge = fact(payload, "challenge");
  const thread = fact(payload, "thread");
  const params = {
    standard: payload.data.standard?.name ?? "",
    organisation: payload.data.organisation?.name ?? payload.data.standard?.name ?? "",
    number: word(call.number ?? challenge.number ?? declaration.number),
    title: word(call.title),
    phase: word(call.phase ?? challenge.phase) || "other",
    version: word(fact(payload, "release").version),
    kind: word(thread.kind ?? challenge.kind) || "other",
    on:
      thread.clause != null
        ? word(thread.clause)
        : t("messages.onCall", { number: word(thread.call) }),
    product: word(declaration.product),
    declaration: word(declaration.number),
  };
  switch (payload.type) {
    case TEST_EVENT:
      return t("messages.test");
    case "call.opened":
      return t("messages.callOpened", params);
    case "call.decided":
      return t("messages.callDecided", params);
    case "call.escalated":
      return t("messages.callEscalated", params);
    case "release.published":
      return t("messages.releasePublished", params);
    case "thread.opened":
      return t("messages.threadOpened", params);
    case "challenge.filed":
    case "challenge.responded":
    case "challenge.escalated":
    case "challenge.decided":
      return t(`messages.challenge.${payload.type.slice("challenge.".length) as "filed"}`, params);
    default:
      if (payload.type.startsWith("declaration.")) {
        const state = payload.type.slice("declaration.".length);
        return t("messages.declaration", { ...params, state });
      }
      return t("messages.other", { type: payload.type });
  }
}

const escapeHtml = (value: string) =>
  value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
/** Slack's own escaping: only these three are control characters in its text. */
const escapeSlack = (value: string) =>
  value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** The body a chat's incoming webhook expects, for every format but plain JSON. */
export function chatBody(
  format: Exclude<WebhookFormat, "json">,
  payload: WebhookPayload,
  language: string,
): Record<string, unknown> {
  const locale = isLocale(language) ? language : "en";
  const sentence = sentenceOf(payload, locale);
  const open = translate("webhooks", locale)("messages.open");
  const url = payload.data.url;
  switch (format) {
    case "slack":
      // Also what Mattermost and Rocket.Chat accept.
      return { text: `${escapeSlack(sentence)} <${url}|${escapeSlack(open)}>` };
    case "discord":
      // No title someone typed may ping a whole server.
      return { content: `${sentence}\n${url}`, allowed_mentions: { parse: [] } };
    case "teams":
      return {
        type: "message",
        attachments: [
          {
            contentType: "application/vnd.microsoft.card.adaptive",
            contentUrl: null,
            content: {
              $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
              type: "AdaptiveCard",
              version: "1.4",
              body: [{ type: "TextBlock", text: sentence, wrap: true }],
              actions: [{ type: "Action.OpenUrl", title: open, url }],
            },
          },
        ],
      };
    case "matrix":
      return {
        msgtype: "m.text",
        body: `${sentence} ${url}`,
        format: "org.matrix.custom.html",
        formatted_body: `${escapeHtml(sentence)} <a href="${escapeHtml(url)}">${escapeHtml(open)}</a>`,
      };
  }
}

export type EndpointTarget = {
  url: string;
  format: string;
  secret: string;
  language: string;
  matrixRoomId: string | null;
  matrixAccessToken: string | null;
};

export type OutgoingRequest = {
  method: "POST" | "PUT";
  url: string;
  headers: Record<string, string>;
  body: string;
};

/**
 * The request for one attempt. Every format carries the Standard Webhooks headers (a chat
 * ignores them); Matrix is a PUT to the room with the message id as its transaction id, so a
 * retry can never post twice.
 */
export function requestOf(
  endpoint: EndpointTarget,
  message: { id: string; payload: WebhookPayload },
  now: Date,
): OutgoingRequest {
  const format = isWebhookFormat(endpoint.format) ? endpoint.format : "json";
  const body = JSON.stringify(
    format === "json" ? message.payload : chatBody(format, message.payload, endpoint.language),
  );
  const timestamp = Math.floor(now.getTime() / 1000);
  const headers = {
    "content-type": "application/json",
    ...signedHeaders(endpoint.secret, message.id, timestamp, body),
  };
  if (format !== "matrix") return { method: "POST", url: endpoint.url, headers, body };
  const room = encodeURIComponent(endpoint.matrixRoomId ?? "");
  const base = endpoint.url.replace(/\/+$/, "");
  return {
    method: "PUT",
    url: `${base}/_matrix/client/v3/rooms/${room}/send/m.room.message/${encodeURIComponent(message.id)}`,
    headers: { ...headers, authorization: `Bearer ${endpoint.matrixAccessToken ?? ""}` },
    body,
  };
}
