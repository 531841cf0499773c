import {
  createFormatter,
  createTranslator,
  type MessageKeys,
  type NestedKeyOf,
} from "use-intl/core";
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

export function translate<Namespace extends keyof Catalogue>(namespace: Namespace, locale: Locale) {
  return createTranslator({ locale, messages: catalogues[locale], namespace });
}

/** A sentence of the catalogue by its full key ("notifications.calls.subject"), checked to exist. */
export type MessageKey = MessageKeys<Catalogue, NestedKeyOf<Catalogue>>;

/** A group of the catalogue ("decisions.lastCall") or one sentence of it, by its full key. */
export type MessagePath = NestedKeyOf<Catalogue>;

/** What every form may say: the error page, and its refusals, for the form and for each field. */
export const formMessagePaths: MessagePath[] = ["errorPage", "errors", "fieldErrors"];

/**
 * The part of a catalogue (of any language: the same keys) under the given paths, nested as in
 * the whole, for the client components of a page (components/client-messages.tsx). A path inside
 * one already taken adds nothing; the catalogue itself is never changed.
 */
export function pickMessages(catalogue: object, paths: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const path of paths) {
    const parts = path.split(".");
    let from: unknown = catalogue;
    let into = picked;
    for (const [index, part] of parts.entries()) {
      if (typeof from !== "object" || from === null || !Object.hasOwn(from, part)) {
        throw new Error(`no message at ${path}`);
      }
      from = (from as Record<string, unknown>)[part];
      if (index === parts.length - 1) {
        into[part] = from;
        break;
      }
      if (into[part] === from) break; // the whole group is handed over already
      const group = (into[part] ?? {}) as Record<string, unknown>;
      into[part] = group;
      into = group;
    }
  }
  return picked;
}

/**
 * A moment kept in a stored sentence as an instant, worded when read in the reader's language:
 * a day ("20 novembre 2027") or a day and time ("13 Nov 2026, 10:00"). Always in UTC, because the
 * sentences that show a time say "UTC" after it. A moment already written out ("2026-11-13
 * 10:00", as the notices of lib/decisions, lib/challenges and lib/registry still store them) is a
 * plain string, shown as it is.
 */
export type Moment = { at: string; show: "day" | "time" };

/**
 * A sentence stored as its key and parameters instead of in English, so that it reads in the
 * reader's language, as the catalogue words it then. A parameter may itself be such a sentence
 * (an outcome quoting Hum's own rationale), or a moment.
 */
export type Message = {
  key: MessageKey;
  params?: { [name: string]: string | number | Message | Moment };
};

export function moment(at: Date, show: Moment["show"]): Moment {
  return { at: at.toISOString(), show };
}

/** A moment in the reader's language, in UTC (the sentences around it say so). */
export function formatStoredMoment(value: Moment, locale: Locale): string {
  const at = new Date(value.at);
  if (Number.isNaN(at.getTime())) return value.at;
  const format = createFormatter({ locale, timeZone: "UTC" });
  return value.show === "day"
    ? format.dateTime(at, { dateStyle: "long" })
    : format.dateTime(at, { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" });
}

export function renderMessage(message: Message, locale: Locale): string {
  const params = Object.fromEntries(
    Object.entries(message.params ?? {}).map(([name, value]) => [
      name,
      typeof value !== "object"
        ? value
        : "key" in value
          ? renderMessage(value, locale)
          : formatStoredMoment(value, locale),
    ]),
  );
  return createTranslator({ locale, messages: catalogues[locale] })(message.key, params);
}
