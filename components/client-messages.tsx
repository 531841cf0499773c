import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";

/**
 * Hands the message catalogue to the client components (forms) below it. Only the parts of the
 * site that have forms include it, so reading pages such as a release ship no catalogue.
 */
export function ClientMessages({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
}
