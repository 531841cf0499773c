import { getLocale } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { publicUrl } from "@/lib/env";
import { malformedAddress, wellFormedParams } from "@/lib/http/params";
import { releasesFeed } from "@/lib/releases/export";
import { listReleases } from "@/lib/releases/queries";

type Context = { params: Promise<{ slug: string }> };

/** The Atom feed of a standard's releases; it changes when one is published, so briefly cached. */
export async function GET(_request: Request, { params }: Context) {
  const { slug } = await params;
  if (!wellFormedParams({ slug })) return malformedAddress();
  const [releases, locale] = await Promise.all([listReleases(getDb(), slug), getLocale()]);
  const name = releases[0]?.standardName || slug;
  const body = releasesFeed({
    siteUrl: publicUrl(),
    slug,
    name,
    releases: releases.map((release) => ({
      version: release.version,
      notes: release.notes,
      digest: release.digest,
      publishedAt: release.publishedAt,
    })),
    locale,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Content-Language": locale,
      Vary: "Accept-Language, Cookie",
    },
  });
}
