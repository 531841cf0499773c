import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { formMessagePaths, type MessagePath, pickMessages } from "@/lib/i18n";

/**
 * Hands the message catalogue to the client components (forms) below it. Only the parts of the
 * site that have forms include it, so reading pages such as a release ship no catalogue. Given
 * `paths` (namespaces, groups or single sentences), it hands over only those, and what every
 * form needs: the catalogue is written into every page that includes it, and a whole one is most
 * of a personal page's weight. tests/unit/client-catalogue.test.ts holds a layout's paths to
 * every key the client components below it read.
 */
export async function ClientMessages({
  paths,
  children,
}: {
  paths?: MessagePath[];
  children: ReactNode;
}) {
  if (!paths) return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={pickMessages(messages, [...formMessagePaths, ...paths])}>
      {children}
    </NextIntlClientProvider>
  );
}
