import type { Locale } from "@/lib/locale";
import type messages from "@/messages/en.json";

// Message keys and locales the compiler checks: a `t("…")` naming a key that is not in the
// English catalogue fails to type-check (and lib/i18n.ts holds every catalogue to its shape).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
