import type { locale } from "@/lib/i18n";
import type messages from "@/messages/en.json";

// Message keys and locales the compiler checks: a `t("…")` naming a key that is not in the
// English catalogue fails to type-check.
declare module "next-intl" {
  interface AppConfig {
    Locale: typeof locale;
    Messages: typeof messages;
  }
}
