import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { listStandards } from "@/lib/drafting/queries";
import {
  callsPath,
  draftPath,
  groupsPath,
  newOrganisationPath,
  registryPath,
  signInPath,
  standardPath,
  transparencyPath,
} from "@/lib/paths";

// Reads the database before anything of the request: without this, `next build` (which has no
// database) would try to render the page ahead of time.
export const dynamic = "force-dynamic";

async function StandardLinks({ slug }: { slug: string }) {
  const t = await getTranslations("home");
  return (
    <p className="mt-2 flex flex-wrap gap-x-4">
      <Link href={standardPath(slug)}>{t("readRelease")}</Link>
      <Link href={draftPath(slug)}>{t("readDraft")}</Link>
      <Link href={callsPath(slug)}>{t("readCalls")}</Link>
    </p>
  );
}

/** The community's featured standard in full, then any others by name (lib/drafting/queries.ts). */
export default async function HomePage() {
  const [t, viewer, { featured, others }] = await Promise.all([
    getTranslations("home"),
    getViewer(),
    listStandards(getDb()),
  ]);
  const steps = ["read", "join", "discuss", "decide"] as const;
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      {!viewer ? (
        <p className="-mt-4 mb-10">
          <Link href={signInPath()} className={buttonClass()}>
            {t("join")}
          </Link>
        </p>
      ) : null}

      <Section title={t("howTitle")}>
        <ol className="grid gap-4 sm:grid-cols-2">
          {steps.map((step, index) => (
            <li key={step} className="rounded-lg border border-line bg-white p-4">
              <h3 className="font-semibold">
                {index + 1}. {t(`steps.${step}.title`)}
              </h3>
              <p className="mt-1 text-muted">{t(`steps.${step}.text`)}</p>
            </li>
          ))}
        </ol>
      </Section>

      <Section title={t("standardsTitle")}>
        {featured ? (
          <article className="rounded-lg border border-line bg-white p-5">
            <h3 className="text-lg font-semibold">{featured.name}</h3>
            <p className="mt-1 text-muted">{featured.summary}</p>
            <StandardLinks slug={featured.slug} />
            <div className="mt-4 grid gap-6 sm:grid-cols-2">
              <div>
                <h4 className="text-sm font-semibold uppercase tracking-wide text-muted">
                  {t("modules")}
                </h4>
                <dl className="mt-2 space-y-2">
                  {featured.modules.map((module) => (
                    <div key={module.code}>
                      <dt className="font-medium">
                        {module.name} <span className="text-sm text-muted">({module.code})</span>
                      </dt>
                      <dd className="text-sm text-muted">{module.summary}</dd>
                    </div>
                  ))}
                </dl>
              </div>
              <div>
                <h4 className="text-sm font-semibold uppercase tracking-wide text-muted">
                  {t("levels")}
                </h4>
                <dl className="mt-2 space-y-2">
                  {featured.levels.map((level) => (
                    <div key={level.name}>
                      <dt className="font-medium">{level.name}</dt>
                      <dd className="text-sm text-muted">{level.summary}</dd>
                    </div>
                  ))}
                </dl>
              </div>
            </div>
          </article>
        ) : (
          <p className="text-muted">{t("noStandards")}</p>
        )}
        {others.length > 0 ? (
          <>
            <h3 className="mt-8 mb-3 text-lg font-semibold">{t("otherStandards")}</h3>
            <ul className="space-y-3">
              {others.map((standard) => (
                <li key={standard.slug} className="rounded-lg border border-line bg-white p-4">
                  <p className="font-semibold">{standard.name}</p>
                  {standard.summary ? (
                    <p className="mt-1 text-sm text-muted">{standard.summary}</p>
                  ) : null}
                  <StandardLinks slug={standard.slug} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section title={t("markTitle")}>
        <p className="max-w-3xl text-muted">{t("mark")}</p>
        <p className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
          <Link href={registryPath()}>{t("seeRegistry")}</Link>
          <Link href={newOrganisationPath()}>{t("registerOrganisation")}</Link>
        </p>
      </Section>

      <Section title={t("governanceTitle")}>
        <p className="max-w-3xl text-muted">{t("governance")}</p>
        <p className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
          <Link href={groupsPath()}>{t("seeGroups")}</Link>
          <Link href={transparencyPath()}>{t("seeRecord")}</Link>
        </p>
      </Section>
    </>
  );
}
