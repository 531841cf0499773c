import { createTranslator, type MessageKeys, type NestedKeyOf } from "use-intl/core";
import messages from "@/messages/en.json";

/**
 * The message catalogue, for code that runs outside a page (emails, the launcher). Pages and
 * components use next-intl's hooks, which read the same file through i18n/request.ts.
 */
export const locale = "en";
export { messages };

export function translate<Namespace extends keyof typeof messages>(namespace: Namespace) {
  return createTranslator({ locale, messages, namespace });
}

type Catalogue = typeof messages;
/** A sentence of the catalogue by its full key ("notifications.calls.subject"), checked to exist. */
export type MessageKey = MessageKeys<Catalogue, NestedKeyOf<Catalogue>>;

/**
 * A sentence stored as its key and parameters instead of in English, so that it reads in the
 * reader's language, as the catalogue words it then. A parameter may itself be such a sentence
 * (an outcome quoting Hum's own rationale).
 */
export type Message = { key: MessageKey; params?: { [name: string]: string | number | Message } };

export function renderMessage(message: Message): string {
  const params = Object.fromEntries(
    Object.entries(message.params ?? {}).map(([name, value]) => [
      name,
      typeof value === "object" ? renderMessage(value) : value,
    ]),
  );
  return createTranslator({ locale, messages })(message.key, params);
}
