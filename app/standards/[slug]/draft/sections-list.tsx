import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RichText } from "@/components/rich-text";
import { SectionBadges } from "@/components/section-badges";
import { Section } from "@/components/ui/page";
import type { DraftSection } from "@/lib/drafting/section-queries";
import { draftSectionPath } from "@/lib/paths";
import { AddSectionForm } from "./section-forms";

/**
 * The prose sections of the working draft, before the modules as in a release, each linking to
 * its page and saying where it stands; retired ones are left out here (their pages remain).
 */
export async function DraftSections({
  standardSlug,
  sections,
  signedIn,
}: {
  standardSlug: string;
  sections: DraftSection[];
  signedIn: boolean;
}) {
  const t = await getTranslations("drafting");
  const live = sections.filter((section) => !section.retiredAt);
  return (
    <Section id="sections" title={t("sections.title")}>
      <p className="mb-4 max-w-2xl text-sm text-muted">{t("sections.lead")}</p>
      {live.length === 0 ? <p className="mb-4 text-muted">{t("sections.none")}</p> : null}
      <ol className="mb-4 space-y-3">
        {live.map((section) => (
          <li key={section.id} className="rounded-lg border border-line bg-white p-4">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-semibold">
                <Link href={draftSectionPath(standardSlug, section.slug)}>{section.title}</Link>
              </h3>
              <SectionBadges kind={section.kind} status={section.adoption} />
            </div>
            <div className="mt-2 line-clamp-4 text-sm">
              <RichText value={section.body} empty={t("emptyBody")} />
            </div>
          </li>
        ))}
      </ol>
      {signedIn ? (
        <details className="rounded-lg border border-line bg-white p-4">
          <summary className="cursor-pointer font-medium">{t("sections.addTitle")}</summary>
          <div className="mt-3">
            <AddSectionForm standardSlug={standardSlug} />
          </div>
        </details>
      ) : null}
    </Section>
  );
}
