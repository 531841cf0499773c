import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ActionNotice } from "@/components/action-notice";
import { LanguageSwitcher } from "@/components/language-switcher";
import { PersonalProvider } from "@/components/personal";
import { SiteHeader } from "@/components/site-header";
import { ON_ORIGIN_HEADER } from "@/lib/auth/public-url";
import { getViewer } from "@/lib/community/request-viewer";
import { isDevelopmentBuild, publicUrl } from "@/lib/env";
import { apiReferencePath } from "@/lib/paths";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("site");
  return {
    // Open Graph and canonical links are absolute, on the site's public address.
    metadataBase: new URL(publicUrl()),
    title: { default: t("name"), template: `%s · ${t("name")}` },
    description: t("tagline"),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Development only: a page opened on another loopback name moves to the one public origin.
  const onOrigin = isDevelopmentBuild ? (await headers()).get(ON_ORIGIN_HEADER) : null;
  if (onOrigin) redirect(onOrigin);
  const [locale, t, messages, viewer] = await Promise.all([
    getLocale(),
    getTranslations("site"),
    getMessages(),
    getViewer(),
  ]);
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col font-sans antialiased">
        {/* Only the error page's words: sections with forms add the rest (ClientMessages). */}
        <NextIntlClientProvider messages={{ errorPage: messages.errorPage }}>
          <PersonalProvider fromPage={viewer?.standIn === true}>
            <SiteHeader />
            <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
              <ActionNotice>{children}</ActionNotice>
            </main>
            <footer className="border-t border-line bg-white">
              <div className="mx-auto flex max-w-5xl flex-wrap items-baseline justify-between gap-x-6 gap-y-2 px-4 py-4 text-sm">
                <p className="text-muted">
                  {t("footer")}{" "}
                  <Link href={apiReferencePath()} className="underline">
                    {t("apiLink")}
                  </Link>
                </p>
                <LanguageSwitcher />
              </div>
            </footer>
          </PersonalProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
