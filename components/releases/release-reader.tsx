import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { MappingFilter, type MappingFilterValue } from "@/components/frameworks/mapping-filter";
import { frameworkLabel } from "@/components/frameworks/mapping-list";
import { ReleaseClauseView } from "@/components/releases/release-clause";
import { ReleaseSectionView, releaseTermLinks } from "@/components/releases/release-section";
import { TranslationSwitch } from "@/components/releases/translation-switch";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page";
import { sectionAnchor } from "@/lib/drafting/sections-rules";
import {
  callPath,
  comparisonPath,
  releaseExportPath,
  releaseFeedPath,
  releasePath,
  releasesPath,
} from "@/lib/paths";
import { clausesRequiredAt } from "@/lib/releases/content";
import { clausesMappedTo } from "@/lib/releases/crosswalk";
import type { ReleaseView } from "@/lib/releases/queries";

/** Superseded and withdrawn releases stay readable, and say which release is current. */
export async function ReleaseStatus({ view, slug }: { view: ReleaseView; slug: string }) {
  const [t, format] = await Promise.all([getTranslations("releases"), getFormatter()]);
  const latest = view.latest;
  const readLatest = latest ? (
    <>
      {" "}
      <Link href={releasePath(slug, latest.version)} className="underline">
        {t("readLatest", { version: latest.version })}
      </Link>
    </>
  ) : (
    ` ${t("noCurrent")}`
  );
  if (view.withdrawal) {
    return (
      <Notice tone="error">
        {t("withdrawn", {
          date: format.dateTime(view.withdrawal.at, { dateStyle: "long" }),
          reason: view.withdrawal.reason,
        })}
        {readLatest}
      </Notice>
    );
  }
  if (latest && latest.version !== view.version) {
    return (
      <Notice tone="info">
        {t("superseded", { version: latest.version })}
        {readLatest}
      </Notice>
    );
  }
  return null;
}

/** A whole release: contents, level filter, clauses, exports and comparisons. */
export async function ReleaseReader({
  view,
  slug,
  level,
  mapping = null,
}: {
  view: ReleaseView;
  slug: string;
  level: string | null;
  /** Only the clauses that map to this framework (and provision), when given. */
  mapping?: MappingFilterValue | null;
}) {
  const [t, tFrameworks, format] = await Promise.all([
    getTranslations("releases"),
    getTranslations("frameworks"),
    getFormatter(),
  ]);
  const { content } = view;
  const known = level && content.levels.some((entry) => entry.name === level) ? level : null;
  const atLevel = known ? clausesRequiredAt(content, known) : content.clauses;
  const frameworks = content.frameworks ?? [];
  const mapped = frameworks.find((framework) => framework.key === mapping?.framework);
  const shown =
    mapping && mapped ? clausesMappedTo(atLevel, mapped.key, mapping.provision) : atLevel;
  const others = view.all.filter((release) => release.version !== view.version);
  const sections = content.sections ?? [];
  const terms = releaseTermLinks(content, (term) => `#${term}`);
  return (
    <>
      <ReleaseStatus view={view} slug={slug} />
      <PageTitle
        title={t("releaseTitle", { name: content.standard.name, version: view.version })}
        lead={content.standard.summary}
      />
      <TranslationSwitch view={view} slug={slug} />
      <ul className="release-meta mb-6 space-y-1 text-sm">
        <li>
          {t("published", { date: format.dateTime(view.publishedAt, { dateStyle: "long" }) })}{" "}
          <Link href={callPath(slug, view.callNumber)} className="underline">
            {t("byCall", { call: view.callNumber })}
          </Link>
        </li>
        <li>
          {t("digest")}: <code className="break-all font-mono text-xs">{view.digest}</code>
        </li>
        <li className="no-print">
          {t("downloads")}:{" "}
          <a href={releaseExportPath(slug, view.version, "md")}>{t("markdown")}</a> ·{" "}
          <a href={releaseExportPath(slug, view.version, "json")}>{t("json")}</a> ·{" "}
          <a href={releaseFeedPath(slug)}>{t("feed")}</a> ·{" "}
          <Link href={releasesPath(slug)}>{t("allReleases")}</Link>
        </li>
        {others.length > 0 ? (
          <li className="no-print">
            {t("compareWith")}:{" "}
            {others.map((other, index) => (
              <span key={other.version}>
                {index > 0 ? " · " : null}
                <Link href={comparisonPath(slug, other.version, view.version)}>
                  {t("compareLink", { version: other.version })}
                </Link>
              </span>
            ))}
          </li>
        ) : null}
      </ul>
      {content.notes ? (
        <section className="mb-6">
          <h2 className="mb-2 text-xl font-semibold">{t("notes")}</h2>
          <p className="whitespace-pre-wrap">{content.notes}</p>
        </section>
      ) : null}
      <nav aria-label={t("levelFilter")} className="no-print mb-6 flex flex-wrap gap-2 text-sm">
        <Link
          href={releasePath(slug, view.version)}
          aria-current={known ? undefined : "page"}
          className="rounded-full border border-line px-3 py-1 aria-[current=page]:bg-accent aria-[current=page]:text-white"
        >
          {t("allLevels")}
        </Link>
        {content.levels.map((entry) => (
          <Link
            key={entry.name}
            href={releasePath(slug, view.version, entry.name)}
            aria-current={known === entry.name ? "page" : undefined}
            className="rounded-full border border-line px-3 py-1 aria-[current=page]:bg-accent aria-[current=page]:text-white"
          >
            {t("requiredFor", { level: entry.name })}
          </Link>
        ))}
      </nav>
      {frameworks.length > 0 ? (
        <MappingFilter
          slug={slug}
          version={view.version}
          frameworks={frameworks}
          level={known}
          value={mapped && mapping ? mapping : null}
        />
      ) : null}
      {mapped && mapping ? (
        <p className="mb-2" role="status">
          {tFrameworks("filtered", {
            count: shown.length,
            framework: frameworkLabel(mapped, mapped.key),
            provision: mapping.provision || "none",
          })}
        </p>
      ) : null}
      <p className="mb-4 text-muted">
        {known
          ? t("showing", { count: shown.length, level: known })
          : t("clauseCount", { count: shown.length })}
      </p>
      <nav aria-label={t("contents")} className="mb-10 rounded-lg border border-line bg-white p-4">
        <h2 className="mb-2 font-semibold">{t("contents")}</h2>
        <ol className="space-y-2 text-sm">
          {sections.map((section) => (
            <li key={section.slug}>
              <a href={`#${sectionAnchor(section.slug)}`}>{section.title}</a>
            </li>
          ))}
          {content.modules.map((module) => {
            const inModule = shown.filter((clause) => clause.moduleCode === module.code);
            if (inModule.length === 0) return null;
            return (
              <li key={module.code}>
                <a href={`#module-${module.code}`}>
                  {module.name} ({module.code})
                </a>
                <ol className="ml-4 mt-1 columns-1 sm:columns-2">
                  {inModule.map((clause) => (
                    <li key={clause.ref}>
                      <a href={`#${clause.ref}`}>
                        <span className="font-mono">{clause.ref}</span> {clause.title}
                      </a>
                    </li>
                  ))}
                </ol>
              </li>
            );
          })}
        </ol>
      </nav>
      {sections.map((section) => (
        <ReleaseSectionView key={section.slug} section={section} terms={terms} />
      ))}
      {content.modules.map((module) => {
        const inModule = shown.filter((clause) => clause.moduleCode === module.code);
        if (inModule.length === 0) return null;
        return (
          <section key={module.code} id={`module-${module.code}`} className="mb-10 scroll-mt-4">
            <h2 className="mb-1 text-xl font-semibold">
              {module.name} ({module.code})
            </h2>
            {module.summary ? <p className="mb-4 text-muted">{module.summary}</p> : null}
            {inModule.map((clause) => (
              <ReleaseClauseView
                key={clause.ref}
                clause={clause}
                slug={slug}
                version={view.version}
                trace={view.trace[clause.ref]}
                terms={terms}
                frameworks={frameworks}
              />
            ))}
          </section>
        );
      })}
    </>
  );
}
