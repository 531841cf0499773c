import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { ReleaseReader } from "@/components/releases/release-reader";
import { getDb } from "@/lib/db/client";
import { releasePath } from "@/lib/paths";
import { getRelease } from "@/lib/releases/queries";

// Never kept by Next.js: lib/http/front.ts keeps the copy anonymous readers get, and forgets it
// when a release is published or withdrawn.
export const dynamic = "force-dynamic";

/** Read once per request: the page and its metadata both need the release. */
const loadRelease = cache((slug: string, version: string) => getRelease(getDb(), slug, version));

type Props = {
  params: Promise<{ slug: string; version: string }>;
  searchParams: Promise<{
    level?: string | string[];
    framework?: string | string[];
    provision?: string | string[];
  }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, version } = await params;
  const view = await loadRelease(slug, version);
  if (!view) return {};
  const t = await getTranslations("releases");
  const title = t("releaseTitle", { name: view.content.standard.name, version: view.version });
  return {
    title,
    description: view.content.standard.summary,
    openGraph: {
      title,
      description: view.content.standard.summary,
      type: "article",
      url: releasePath(slug, view.version),
    },
  };
}

export default async function ReleasePage({ params, searchParams }: Props) {
  const [{ slug, version }, query] = await Promise.all([params, searchParams]);
  const view = await loadRelease(slug, version);
  if (!view) notFound();
  const level = typeof query.level === "string" ? query.level : null;
  const mapping =
    typeof query.framework === "string"
      ? {
          framework: query.framework,
          provision: typeof query.provision === "string" ? query.provision.slice(0, 60) : "",
        }
      : null;
  return <ReleaseReader view={view} slug={slug} level={level} mapping={mapping} />;
}
