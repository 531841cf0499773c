import { createTranslator } from "use-intl/core";
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
