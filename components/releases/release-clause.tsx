import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClauseBadges } from "@/components/clause-badges";
import { RichText, type TermLinks } from "@/components/rich-text";
import { callPath, draftClausePath, releaseClausePath } from "@/lib/paths";
import type { ReleaseClause } from "@/lib/releases/content";
import type { ReleaseTrace } from "@/lib/releases/schema";

/** One clause as a release fixed it, with its permalink and the decisions that shaped it. */
export async function ReleaseClauseView({
  clause,
  slug,
  version,
  trace,
  headingLevel = 3,
  terms,
}: {
  /** Defined terms to link to their definitions in the clause's text. */
  terms?: TermLinks;
  clause: ReleaseClause;
  slug: string;
  version: string;
  trace: ReleaseTrace[string] | undefined;
  headingLevel?: 1 | 3;
}) {
  const t = await getTranslations("releases");
  const Heading = headingLevel === 1 ? "h1" : "h3";
  const Subheading = headingLevel === 1 ? "h2" : "h4";
  return (
    <article id={clause.ref} className="release-clause prose-clause mb-8 scroll-mt-4">
      <Heading className={headingLevel === 1 ? "mb-2 text-3xl font-bold" : "text-lg font-semibold"}>
        {/* A title, not a label: a label would replace the reference in the heading's name. */}
        <Link
          href={releaseClausePath(slug, version, clause.ref)}
          title={t("permalink", { ref: clause.ref })}
          className="font-mono"
        >
          {clause.ref}
        </Link>{" "}
        {clause.title}
      </Heading>
      <p className="mb-2">
        <ClauseBadges strength={clause.strength} level={clause.level} status={null} />
      </p>
      <RichText value={clause.body} terms={terms} />
      <Subheading className="mt-3 text-sm font-medium text-muted">{t("assessment")}</Subheading>
      <RichText value={clause.assessment} terms={terms} />
      {clause.examples.content?.length ? (
        <>
          <Subheading className="mt-3 text-sm font-medium text-muted">{t("examples")}</Subheading>
          <RichText value={clause.examples} terms={terms} />
        </>
      ) : null}
      <p className="no-print mt-2 text-sm text-muted">
        {trace ? (
          trace.call !== null ? (
            <Link href={callPath(slug, trace.call)} className="underline">
              {t("trace", { revision: trace.revision, call: trace.call })}
            </Link>
          ) : (
            t("traceNoCall", { revision: trace.revision })
          )
        ) : null}
        {" · "}
        <Link href={draftClausePath(slug, clause.ref)} className="underline">
          {t("discussion")}
        </Link>
      </p>
    </article>
  );
}
