import { getRequestConfig } from "next-intl/server";
import { locale, messages } from "@/lib/i18n";

// English only for now; a second language adds a catalogue and a locale choice here.
export default getRequestConfig(async () => ({ locale, messages, timeZone: "UTC" }));
