import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

type Namespace = keyof Awaited<ReturnType<typeof getMessages>>;

/** What every form may say: its errors, the notices its action announces, the error page. */
const formNamespaces: Namespace[] = ["errorPage", "errors", "fieldErrors", "notices"];

/**
 * Hands the message catalogue to the client components (forms) below it. Only the parts of the
 * site that have forms include it, so reading pages such as a release ship no catalogue. Given
 * `namespaces`, it hands over only those (and what every form needs): the catalogue is written
 * into every page that includes it, and a whole one is most of a personal page's weight.
 */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces?: Namespace[];
  children: ReactNode;
}) {
  if (!namespaces) return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
  const messages = await getMessages();
  const wanted = [...formNamespaces, ...namespaces];
  return (
    <NextIntlClientProvider
      messages={Object.fromEntries(wanted.map((namespace) => [namespace, messages[namespace]]))}
    >
      {children}
    </NextIntlClientProvider>
  );
}
