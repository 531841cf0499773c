import { getTranslations } from "next-intl/server";
import { Redline } from "@/components/redline";
import { Section } from "@/components/ui/page";
import { sectionAnchor } from "@/lib/drafting/sections-rules";
import { releasePath } from "@/lib/paths";
import type { SectionComparison } from "@/lib/releases/section-diff";

/** The prose sections added, removed and changed between two releases; nothing when none. */
export async function SectionChanges({
  comparison,
  slug,
  from,
  to,
}: {
  comparison: SectionComparison;
  slug: string;
  from: string;
  to: string;
}) {
  const t = await getTranslations("releases.compare");
  const { added, removed, changed } = comparison;
  if (added.length + removed.length + changed.length === 0) return null;
  const link = (version: string, sectionSlug: string, title: string) => (
    <a href={`${releasePath(slug, version)}#${sectionAnchor(sectionSlug)}`}>{title}</a>
  );
  return (
    <Section id="sections" title={t("sections")}>
      {added.length + removed.length > 0 ? (
        <ul className="mb-4 ml-5 list-disc">
          {added.map((section) => (
            <li key={`added-${section.slug}`}>
              {link(to, section.slug, section.title)} · {t("sectionAdded")}
            </li>
          ))}
          {removed.map((section) => (
            <li key={`removed-${section.slug}`}>
              {link(from, section.slug, section.title)} · {t("sectionRemoved")}
            </li>
          ))}
        </ul>
      ) : null}
      {changed.map((change) => (
        <article
          key={change.slug}
          className="mb-6 rounded-lg border border-line bg-white p-4"
          id={sectionAnchor(change.slug)}
        >
          <h3 className="mb-3 font-semibold">{link(to, change.slug, change.to.title)}</h3>
          {change.title ? <Redline parts={change.title} /> : null}
          {change.body ? <Redline parts={change.body} /> : null}
        </article>
      ))}
    </Section>
  );
}
