import { getTranslations } from "next-intl/server";
import { RichText, type TermLinks } from "@/components/rich-text";
import { sectionAnchor } from "@/lib/drafting/sections-rules";
import { splitDefinitions, termMatcher, termsOf } from "@/lib/drafting/terms";
import type { ReleaseContent, ReleaseSection } from "@/lib/releases/content";

/** The terms a release defines (in its definitions sections), linked as `href` says. */
export function releaseTermLinks(
  content: Pick<ReleaseContent, "sections">,
  href: (slug: string) => string,
): TermLinks | undefined {
  const terms = (content.sections ?? [])
    .filter((section) => section.kind === "definitions")
    .flatMap((section) => termsOf(section.body));
  const matcher = termMatcher(terms);
  return matcher ? { matcher, href } : undefined;
}

/**
 * One prose section as a release fixed it, under its permalink anchor. A definitions section
 * reads as a definition list, each term with its own anchor (`#term-device`).
 */
export async function ReleaseSectionView({
  section,
  terms,
}: {
  section: ReleaseSection;
  /** Defined terms to link where this section's prose uses them. */
  terms?: TermLinks;
}) {
  const t = await getTranslations("releases.sections");
  const anchor = sectionAnchor(section.slug);
  const definitions = section.kind === "definitions" ? splitDefinitions(section.body) : null;
  return (
    <section id={anchor} className="release-section prose-clause mb-10 scroll-mt-4">
      <h2 className="mb-3 text-xl font-semibold">
        {/* A title, not a label: a label would replace the section's title in the heading's name. */}
        <a href={`#${anchor}`} title={t("permalink", { title: section.title })}>
          {section.title}
        </a>
      </h2>
      {definitions && definitions.terms.length > 0 ? (
        <>
          <RichText value={{ type: "doc", content: definitions.preamble }} terms={terms} />
          <dl className="mt-3 space-y-3">
            {definitions.terms.map((term) => (
              <div key={term.slug} className="scroll-mt-4">
                <dt id={term.slug} className="scroll-mt-4 font-semibold">
                  <a href={`#${term.slug}`} title={t("termPermalink", { term: term.term })}>
                    {term.term}
                  </a>
                </dt>
                <dd className="ml-4">
                  <RichText value={term.definition} terms={terms} />
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <RichText value={section.body} terms={terms} />
      )}
    </section>
  );
}
