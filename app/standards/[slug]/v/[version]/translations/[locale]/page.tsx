import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { TranslationReader } from "@/components/releases/translation-reader";
import { getDb } from "@/lib/db/client";
import { getTranslation } from "@/lib/translations/queries";

// A translation in progress changes with every saved clause; a published one is read from its
// row, which never changes.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; version: string; locale: string }> };

const load = cache((slug: string, version: string, locale: string) =>
  getTranslation(getDb(), slug, version, locale),
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, version, locale } = await params;
  const view = await load(slug, version, locale);
  if (!view) return {};
  const [t, tLanguages] = await Promise.all([
    getTranslations("translations"),
    getTranslations("translations.languageNames"),
  ]);
  return {
    title: t("pageTitle", {
      name: view.release.content.standard.name,
      version: view.release.version,
      language: tLanguages(view.locale),
    }),
    // Until it is adopted, a translation is a draft: not what a search engine should offer.
    ...(view.translation.state === "published" ? {} : { robots: { index: false } }),
  };
}

/** A release in translation: published and adopted, or in progress and marked so. */
export default async function TranslationPage({ params }: Props) {
  const { slug, version, locale } = await params;
  const view = await load(slug, version, locale);
  if (!view) notFound();
  return <TranslationReader view={view} slug={slug} />;
}
