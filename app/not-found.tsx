import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";
import { getDb } from "@/lib/db/client";
import { releaseClausePath, releasePath } from "@/lib/paths";
import { nearest } from "@/lib/releases/export";
import { getRelease, listReleases } from "@/lib/releases/queries";

type Suggestion = { message: string; links: { href: string; label: string }[] };

/** For a release or clause address that does not exist: the nearest ones that do. */
async function suggest(path: string): Promise<Suggestion | null> {
  const compared =
    path.match(/^\/standards\/([a-z0-9-]+)\/compare\/([^/]+)\.\.\.([^/]+)$/) ??
    path.match(/^\/standards\/([a-z0-9-]+)\/comparison\/([^/]+)\/([^/]+)$/);
  const match = compared ?? path.match(/^\/standards\/([a-z0-9-]+)\/v\/([^/]+)(?:\/([^/]+))?$/);
  if (!match) return null;
  const slug = match[1] ?? "";
  const releases = await listReleases(getDb(), slug);
  if (releases.length === 0) return null;
  const known = (version: string) => releases.some((entry) => entry.version === version);
  // In a comparison, the side that does not exist is the one to correct.
  const version = compared
    ? ([match[2], match[3]].find((v) => v && !known(v)) ?? "")
    : (match[2] ?? "");
  const ref = compared ? undefined : match[3];
  const t = await getTranslations("releases.notFound");
  const release = releases.find((entry) => entry.version === version);
  const full = release && ref ? await getRelease(getDb(), slug, release.version) : null;
  if (full && ref) {
    const refs = full.content.clauses.map((clause) => clause.ref);
    return {
      message: t("clause", { ref, version }),
      links: nearest(refs, ref).map((near) => ({
        href: releaseClausePath(slug, version, near),
        label: `${near} (${version})`,
      })),
    };
  }
  const versions = releases.map((entry) => entry.version);
  const missing = release ? (ref ?? version) : version;
  return {
    message: t("release", { version: missing }),
    links: nearest(versions, missing).map((near) => ({
      href: releasePath(slug, near),
      label: near,
    })),
  };
}

export default async function NotFound() {
  const [t, tReleases, path] = await Promise.all([
    getTranslations("notFound"),
    getTranslations("releases.notFound"),
    headers().then((list) => list.get("x-hum-path") ?? ""),
  ]);
  const suggestion = path ? await suggest(path) : null;
  return (
    <>
      <PageTitle title={t("title")} lead={suggestion?.message ?? t("lead")} />
      {suggestion && suggestion.links.length > 0 ? (
        <div className="mb-6">
          <p className="mb-2">{tReleases("didYouMean")}</p>
          <ul className="ml-5 list-disc">
            {suggestion.links.map((link) => (
              <li key={link.href}>
                <Link href={link.href}>{link.label}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Link href="/">{t("home")}</Link>
    </>
  );
}
