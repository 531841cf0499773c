import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { HeaderSignInLink } from "@/components/header-sign-in-link";
import { ProfileLink } from "@/components/personal";
import { getViewer } from "@/lib/community/request-viewer";
import { isProductionBuild } from "@/lib/env";
import {
  decisionsPath,
  groupsPath,
  inboxPath,
  outboxPath,
  profilePath,
  registryPath,
  secretariatPath,
  signInPath,
  transparencyPath,
} from "@/lib/paths";

/** Where the reader's name goes in the profile link's words, filled in by the link itself. */
const NAME = "\u0000";

export async function SiteHeader() {
  const [t, tProfile, viewer] = await Promise.all([
    getTranslations("site"),
    getTranslations("profile"),
    getViewer(),
  ]);
  const links = [
    { href: decisionsPath(), label: t("nav.decisions") },
    { href: groupsPath(), label: t("nav.groups") },
    { href: transparencyPath(), label: t("nav.transparency") },
    { href: registryPath(), label: t("nav.registry") },
    ...(viewer ? [{ href: inboxPath(), label: t("nav.inbox") }] : []),
    ...(viewer?.isSecretariat ? [{ href: secretariatPath(), label: t("nav.secretariat") }] : []),
    ...(isProductionBuild ? [] : [{ href: outboxPath(), label: t("nav.outbox") }]),
  ];
  return (
    <header className="border-b border-line bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
      >
        {t("skipToContent")}
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-ink">
          {t("name")}
        </Link>
        <nav aria-label={t("nav.label")}>
          <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href}>{link.label}</Link>
              </li>
            ))}
            <li>
              {viewer ? (
                <ProfileLink
                  href={profilePath()}
                  name={viewer.standIn ? undefined : viewer.name}
                  around={t("nav.profile", { name: NAME }).split(NAME)}
                  fallback={tProfile("title")}
                />
              ) : (
                // The page's query is read in the browser: a page rendered ahead of time has none.
                <Suspense fallback={<Link href={signInPath()}>{t("nav.signIn")}</Link>}>
                  <HeaderSignInLink label={t("nav.signIn")} />
                </Suspense>
              )}
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
