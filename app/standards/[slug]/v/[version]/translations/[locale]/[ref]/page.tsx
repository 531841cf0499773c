import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import {
  TranslatedClause,
  TranslationNotice,
  translatedClauses,
} from "@/components/releases/translation-reader";
import { getDb } from "@/lib/db/client";
import { releaseClausePath, translationPath } from "@/lib/paths";
import { getTranslation } from "@/lib/translations/queries";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; version: string; locale: string; ref: string }> };

const load = cache(async (slug: string, version: string, locale: string, ref: string) => {
  const view = await getTranslation(getDb(), slug, version, locale);
  const entry = view ? translatedClauses(view).find((row) => row.original.ref === ref) : null;
  return view && entry ? { view, entry } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, version, locale, ref } = await params;
  const found = await load(slug, version, locale, ref);
  if (!found) return {};
  const { entry, view } = found;
  const title = `${ref} ${(entry.translated ?? entry.original).title} · ${view.release.content.standard.name} ${view.release.version}`;
  return view.translation.state === "published" ? { title } : { title, robots: { index: false } };
}

/** One clause in translation, with the authoritative original on demand. */
export default async function TranslationClausePage({ params }: Props) {
  const { slug, version, locale, ref } = await params;
  const found = await load(slug, version, locale, ref);
  if (!found) notFound();
  const { view, entry } = found;
  const [t, tLanguages] = await Promise.all([
    getTranslations("translations"),
    getTranslations("translations.languageNames"),
  ]);
  return (
    <>
      <TranslationNotice
        view={view}
        originalHref={releaseClausePath(slug, view.release.version, ref)}
      />
      <p className="mb-4 text-sm">
        <Link href={`${translationPath(slug, view.release.version, view.locale)}#${ref}`}>
          {t("backToTranslation", {
            language: tLanguages(view.locale),
            version: view.release.version,
          })}
        </Link>
      </p>
      <TranslatedClause
        view={view}
        slug={slug}
        original={entry.original}
        translated={entry.translated}
        headingLevel={1}
        showOriginal
      />
    </>
  );
}
