import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { holdsRole } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { pendingStructure } from "@/lib/decisions/structure";
import { getStandardAxes } from "@/lib/drafting/queries";
import { callPath, releasePath, standardPath } from "@/lib/paths";
import { draftCandidate } from "@/lib/releases/build";
import { getRelease, listReleases } from "@/lib/releases/queries";
import { suggestNextVersion } from "@/lib/releases/versions";
import { PrepareReleaseForm, WithdrawReleaseForm } from "./forms";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("releases"))("title") };
}

export default async function ReleasesPage({ params }: Props) {
  const { slug } = await params;
  const db = getDb();
  const standard = await getStandardAxes(db, slug);
  if (!standard) notFound();
  const [t, format, viewer, releases] = await Promise.all([
    getTranslations("releases"),
    getFormatter(),
    getViewer(),
    listReleases(db, slug),
  ]);
  const latest = releases.find((release) => !release.withdrawal) ?? null;
  const manager = Boolean(
    viewer && (viewer.isSecretariat || holdsRole(viewer.roles, "advisory_group", "chair")),
  );
  const [draft, pending] = manager
    ? await Promise.all([draftCandidate(db, standard.id), pendingStructure(db, standard.id)])
    : [null, []];
  // The latest release's clauses, read only when there is a draft to number against them.
  const latestRelease = draft && latest ? await getRelease(db, slug, latest.version) : null;
  const suggestion = draft
    ? suggestNextVersion(latestRelease?.content ?? null, draft.content.clauses)
    : null;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={standardPath(slug)}>{standard.name}</Link>
      </p>
      <PageTitle title={`${t("title")} · ${standard.name}`} lead={t("lead")} />
      <Section title={t("allReleases")}>
        {releases.length === 0 ? <p className="text-muted">{t("none")}</p> : null}
        <ol className="divide-y divide-line rounded-lg border border-line bg-white">
          {releases.map((release) => (
            <li key={release.id} className="p-3">
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <Link href={releasePath(slug, release.version)} className="font-medium">
                  {t("releaseTitle", { name: standard.name, version: release.version })}
                </Link>
                <span className="text-sm">
                  {release.withdrawal
                    ? t("withdrawnBadge")
                    : release.id === latest?.id
                      ? t("latestBadge")
                      : t("supersededBadge")}
                </span>
              </p>
              <p className="text-sm text-muted">
                {t("published", {
                  date: format.dateTime(release.publishedAt, { dateStyle: "long" }),
                })}{" "}
                <Link href={callPath(slug, release.callNumber)} className="underline">
                  {t("byCall", { call: release.callNumber })}
                </Link>
              </p>
              <p className="break-all font-mono text-xs text-muted">{release.digest}</p>
              {viewer?.isSecretariat && !release.withdrawal ? (
                <WithdrawReleaseForm
                  releaseId={release.id}
                  label={t("withdrawConfirm", { version: release.version })}
                />
              ) : null}
            </li>
          ))}
        </ol>
      </Section>
      {manager && draft && suggestion ? (
        <Section title={t("prepare.title")}>
          <p className="mb-3 text-muted">{t("prepare.lead")}</p>
          <p className="mb-2 text-sm">
            {draft.leftOut.length > 0
              ? t("prepare.leftOut", { refs: draft.leftOut.join(", ") })
              : t("prepare.noneLeftOut")}
          </p>
          {pending.length > 0 ? (
            <ul className="mb-2 text-sm">
              {pending.map((entry) => (
                <li key={`${entry.kind}-${entry.clauseId}`}>
                  {t.rich("prepare.pending", {
                    ref: entry.ref,
                    kind: entry.kind,
                    number: entry.callNumber,
                    call: (chunks) => (
                      <Link href={callPath(slug, entry.callNumber)} className="underline">
                        {chunks}
                      </Link>
                    ),
                  })}
                </li>
              ))}
            </ul>
          ) : null}
          {suggestion.reasons.length > 0 ? (
            <details className="mb-4 text-sm">
              <summary className="cursor-pointer">{t("prepare.reasons")}</summary>
              <ul className="ml-5 list-disc">
                {suggestion.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </details>
          ) : null}
          <PrepareReleaseForm
            standardId={standard.id}
            slug={slug}
            suggested={suggestion.version}
            bump={suggestion.bump}
          />
        </Section>
      ) : null}
    </>
  );
}
