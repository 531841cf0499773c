import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { signInLink } from "@/components/sign-in-link";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { listFrameworks } from "@/lib/drafting/frameworks";
import { getStandardAxes } from "@/lib/drafting/queries";
import { draftPath, frameworksPath } from "@/lib/paths";
import { AddFrameworkForm } from "./forms";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const [standard, t] = await Promise.all([
    getStandardAxes(getDb(), slug),
    getTranslations("frameworks"),
  ]);
  return { title: standard ? t("titleOf", { name: standard.name }) : undefined };
}

/** The external frameworks a standard lists, and the form that lists another. */
export default async function FrameworksPage({ params }: Props) {
  const { slug } = await params;
  const standard = await getStandardAxes(getDb(), slug);
  if (!standard) notFound();
  const [t, tDrafting, viewer, listed] = await Promise.all([
    getTranslations("frameworks"),
    getTranslations("drafting"),
    getViewer(),
    listFrameworks(getDb(), standard.id),
  ]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={draftPath(standard.slug)}>
          {tDrafting("backToDraft", { name: standard.name })}
        </Link>
      </p>
      <PageTitle title={t("titleOf", { name: standard.name })} lead={t("lead")} />
      <Section title={t("listTitle")}>
        {listed.length === 0 ? (
          <p className="text-muted">{t("none")}</p>
        ) : (
          <ul className="space-y-3" aria-label={t("listTitle")}>
            {listed.map((framework) => (
              <li key={framework.key} className="rounded-lg border border-line bg-white p-3">
                <p className="font-semibold">
                  {framework.url ? (
                    <a href={framework.url} rel="noopener noreferrer">
                      {framework.name}
                    </a>
                  ) : (
                    framework.name
                  )}
                  {framework.version ? (
                    <span className="font-normal text-muted">
                      {" "}
                      {t("version", { version: framework.version })}
                    </span>
                  ) : null}
                </p>
                <p className="text-sm text-muted">
                  {t("key")}: <code className="font-mono">{framework.key}</code>
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={t("addTitle")}>
        {viewer ? (
          <AddFrameworkForm standardSlug={standard.slug} />
        ) : (
          <p className="text-muted">
            {t.rich("signIn", { link: signInLink(frameworksPath(standard.slug)) })}
          </p>
        )}
      </Section>
    </>
  );
}
