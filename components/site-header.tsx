import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getViewer } from "@/lib/community/request-viewer";
import { isProductionBuild } from "@/lib/env";

export async function SiteHeader() {
  const [t, viewer] = await Promise.all([getTranslations("site"), getViewer()]);
  const links = [
    { href: "/decisions", label: t("nav.decisions") },
    { href: "/groups", label: t("nav.groups") },
    { href: "/transparency", label: t("nav.transparency") },
    ...(viewer ? [{ href: "/inbox", label: t("nav.inbox") }] : []),
    ...(viewer?.isSecretariat ? [{ href: "/secretariat", label: t("nav.secretariat") }] : []),
    ...(isProductionBuild ? [] : [{ href: "/dev/outbox", label: t("nav.outbox") }]),
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
                <Link href="/profile">{t("nav.profile", { name: viewer.name })}</Link>
              ) : (
                <Link href="/sign-in">{t("nav.signIn")}</Link>
              )}
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
