import { createTranslator, type MessageKeys, type NestedKeyOf } from "use-intl/core";
import { defaultLocale, type Locale } from "@/lib/locale";
import de from "@/messages/de.json";
import messages from "@/messages/en.json";
import fr from "@/messages/fr.json";

/**
 * The message catalogues, for code that runs outside a page (emails, the launcher). Pages and
 * components use next-intl's hooks, which read the same files through i18n/request.ts.
 * English is the reference: every other catalogue has its shape, so a key missing from one
 * fails to type-check here, and tests/unit/catalogue.test.ts compares their arguments.
 */
type Catalogue = typeof messages;
export const catalogues: Record<Locale, Catalogue> = { en: messages, fr, de };
export { messages };

/** The language of code that has no reader yet (the launcher's log, a person without a choice). */
export const locale = defaultLocale;

export function translate<Namespace extends keyof Catalogue>(
  namespace: Namespace,
  locale: Locale = defaultLocale,
) {
  return createTranslator({ locale, messages: catalogues[locale], namespace });
}

/** A sentence of the catalogue by its full key ("notifications.calls.subject"), checked to exist. */
export type MessageKey = MessageKeys<Catalogue, NestedKeyOf<Catalogue>>;

/**
 * A sentence stored as its key and parameters instead of in English, so that it reads in the
 * reader's language, as the catalogue words it then. A parameter may itself be such a sentence
 * (an outcome quoting Hum's own rationale).
 */
export type Message = { key: MessageKey; params?: { [name: string]: string | number | Message } };

export function renderMessage(message: Message, locale: Locale = defaultLocale): string {
  const params = Object.fromEntries(
    Object.entries(message.params ?? {}).map(([name, value]) => [
      name,
      typeof value === "object" ? renderMessage(value, locale) : value,
    ]),
  );
  return createTranslator({ locale, messages: catalogues[locale] })(message.key, params);
}
