import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { translationPath } from "@/lib/paths";
import { translationSummary } from "@/lib/translations/queries";

/** The translation a translation call would publish: which, how complete, and once published, its digest. */
export async function TranslationSubject({
  translationId,
  slug,
}: {
  translationId: string;
  slug: string;
}) {
  const summary = await translationSummary(getDb(), translationId);
  if (!summary) return null;
  const [t, tLanguages] = await Promise.all([
    getTranslations("translations.call"),
    getTranslations("translations.languageNames"),
  ]);
  return (
    <div className="rounded-lg border border-line bg-white p-4">
      <h3 className="mb-2 font-semibold">
        <Link href={translationPath(slug, summary.version, summary.locale)} className="underline">
          {t("subject", { language: tLanguages(summary.locale), version: summary.version })}
        </Link>
      </h3>
      <ul className="space-y-1 text-sm">
        <li>{t("progress", { translated: summary.translated, total: summary.total })}</li>
        {summary.sha256 ? (
          <li className="break-all font-mono text-xs">
            {t("published", { digest: summary.sha256 })}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
