import { exportStandard } from "@/lib/drafting/markdown/document";
import type { StandardDocument } from "@/lib/drafting/markdown/types";
import { translate } from "@/lib/i18n";
import { defaultLocale, type Locale } from "@/lib/locale";
import { releaseFeedPath, releasePath, standardPath } from "@/lib/paths";
import { canonicalJson, type ReleaseContent } from "@/lib/releases/content";

/** A release as the drafting Markdown format sees a standard, so its export re-imports as one. */
export function releaseDocument(content: ReleaseContent): StandardDocument {
  const order = new Map(content.modules.map((module, index) => [module.code, index]));
  const clauses = [...content.clauses].sort(
    (a, b) =>
      (order.get(a.moduleCode) ?? 0) - (order.get(b.moduleCode) ?? 0) || a.position - b.position,
  );
  return {
    slug: content.standard.slug,
    name: content.standard.name,
    summary: content.standard.summary,
    ...(content.sections
      ? { sections: content.sections.map((section) => ({ ...section, retired: false })) }
      : {}),
    modules: content.modules,
    levels: content.levels,
    ...(content.frameworks ? { frameworks: content.frameworks } : {}),
    clauses: clauses.map((clause) => ({
      ref: clause.ref,
      moduleCode: clause.moduleCode,
      title: clause.title,
      level: clause.level,
      strength: clause.strength,
      retired: false,
      body: clause.body,
      assessment: clause.assessment,
      examples: clause.examples,
      ...(clause.mappings ? { mappings: clause.mappings } : {}),
    })),
  };
}

export function releaseMarkdown(content: ReleaseContent): string {
  return exportStandard(releaseDocument(content));
}

/** The JSON export is the canonical form itself: its SHA-256 is the release's digest. */
export function releaseJson(content: ReleaseContent): string {
  return canonicalJson(content);
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);

/** An Atom feed (RFC 4287) of a standard's releases, newest first, its own words in `locale`. */
export function releasesFeed(input: {
  siteUrl: string;
  slug: string;
  name: string;
  releases: { version: string; notes: string; digest: string; publishedAt: Date }[];
  locale?: Locale;
}): string {
  const locale = input.locale ?? defaultLocale;
  const t = translate("releases", locale);
  const base = `${input.siteUrl}${standardPath(input.slug)}`;
  const updated = input.releases[0]?.publishedAt ?? new Date(0);
  const entries = input.releases.map(
    (release) => `  <entry>
    <id>${escapeXml(`${input.siteUrl}${releasePath(input.slug, release.version)}`)}</id>
    <title>${escapeXml(`${input.name} ${release.version}`)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(`${input.siteUrl}${releasePath(input.slug, release.version)}`)}"/>
    <updated>${release.publishedAt.toISOString()}</updated>
    <summary>${escapeXml(release.notes || t("feedEntry", { version: release.version }))} (SHA-256 ${release.digest})</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${escapeXml(`${input.siteUrl}${releaseFeedPath(input.slug)}`)}</id>
  <title>${escapeXml(t("feedTitle", { name: input.name }))}</title>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${input.siteUrl}${releaseFeedPath(input.slug)}`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(base)}"/>
  <updated>${updated.toISOString()}</updated>
  <author><name>Hum</name></author>
${entries.join("\n")}
</feed>
`;
}

/** The names closest to one that does not exist, for a helpful 404. */
export function nearest(names: string[], wanted: string, count = 3): string[] {
  const target = wanted.toLowerCase();
  return names
    .map((name) => ({ name, distance: editDistance(name.toLowerCase(), target) }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, count)
    .filter((entry) => entry.distance <= Math.max(3, Math.ceil(target.length / 2)))
    .map((entry) => entry.name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
