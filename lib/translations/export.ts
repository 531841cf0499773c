import { translate } from "@/lib/i18n";
import { releaseMarkdown } from "@/lib/releases/export";
import type { TranslationContent } from "@/lib/translations/content";

/**
 * A published translation in the Markdown of a release, opening with a quoted line in its own
 * language that says what it is and which original is authoritative, with the original's
 * address and digest: the file travels without the page that says so.
 */
export function translationMarkdown(content: TranslationContent, originalUrl: string): string {
  const t = translate("translations", content.locale);
  const preface = t("exportPreface", {
    language: t(`languageNames.${content.locale}`),
    name: content.standard.name,
    version: content.translationOf,
    url: originalUrl,
    digest: content.originalSha256,
  });
  return `> ${preface}\n\n${releaseMarkdown(content)}`;
}
