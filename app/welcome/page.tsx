import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CallList } from "@/components/decisions/call-list";
import { Notice } from "@/components/ui/notice";
import { PageTitle, Section } from "@/components/ui/page";
import { getProfile } from "@/lib/community/queries";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { listCalls } from "@/lib/decisions/queries";
import { listStandards } from "@/lib/drafting/queries";
import {
  callsPath,
  draftPath,
  groupsPath,
  inboxPath,
  newOrganisationPath,
  profilePath,
  RETURN_PARAM,
  safeReturnPath,
  signInPath,
  transparencyPath,
  welcomePath,
} from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";
import { ProfileForm } from "../profile/profile-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("welcome"))("title") };
}

/** One thing a newcomer can do now: a heading, a sentence and where to do it. */
function Step({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <li className="rounded-lg border border-line bg-white p-4">
      <h3 className="font-semibold">{title}</h3>
      <div className="mt-1 space-y-2 text-muted">{children}</div>
    </li>
  );
}

/**
 * Where every sign-in lands. Someone who has a name goes straight on to the page they came from;
 * a newcomer on their way somewhere is asked for their name first (and may go on without it);
 * with nowhere to go on to, the page says what a participant can do now, with a link to each.
 */
export default async function WelcomePage({ searchParams }: Props) {
  const query = await searchParams;
  const next = safeReturnPath(query[RETURN_PARAM]);
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(next));
  if (viewer.hasName && next) redirect(next);
  const [t, profile] = await Promise.all([
    getTranslations("welcome"),
    getProfile(getDb(), viewer.id),
  ]);
  const email = profile?.email ?? "";
  const justSaved = query.saved === "1" && viewer.hasName;
  return (
    <>
      <PageTitle
        title={t("title")}
        lead={next ? t("leadReturning", { email }) : t("lead", { email })}
      />
      {justSaved ? <Notice tone="success">{t("nameSaved", { name: viewer.name })}</Notice> : null}
      {viewer.hasName ? null : (
        <Section title={t("nameTitle")}>
          <p className="mb-4 max-w-2xl text-muted">{t("nameLead")}</p>
          {next ? <p className="mb-4 max-w-2xl text-muted">{t("nameThenBack")}</p> : null}
          <ProfileForm
            values={{
              name: profile?.name ?? "",
              affiliation: profile?.affiliation ?? "",
              conflictOfInterest: profile?.conflictOfInterest ?? "",
            }}
            next={next ?? welcomePath(undefined, { saved: true })}
          />
          {next ? (
            <p className="mt-4">
              <Link href={next}>{t("notNow")}</Link>
            </p>
          ) : null}
        </Section>
      )}
      {next ? null : <WhatYouCanDo hasName={viewer.hasName} />}
    </>
  );
}

/** The featured standard's draft, its modules to watch, its open calls, the profile and inbox. */
async function WhatYouCanDo({ hasName }: { hasName: boolean }) {
  const db = getDb();
  const [t, { featured }] = await Promise.all([getTranslations("welcome"), listStandards(db)]);
  const openCalls = featured
    ? (await listCalls(db, featured.id, await readerLocale())).filter(
        (call) => call.phase === "open",
      )
    : [];
  return (
    <>
      <Section title={t("nextTitle")}>
        {featured ? null : <p className="mb-4 text-muted">{t("noStandard")}</p>}
        <ul className="grid gap-4 sm:grid-cols-2">
          {featured ? (
            <>
              <Step title={t("read.title")}>
                <p>{t("read.text", { standard: featured.name })}</p>
                <p>
                  <Link href={draftPath(featured.slug)}>{t("read.link")}</Link>
                </p>
              </Step>
              <Step title={t("watch.title")}>
                <p>{t("watch.text")}</p>
                <ul className="flex flex-wrap gap-x-4 gap-y-1">
                  {featured.modules.map((module) => (
                    <li key={module.code}>
                      <Link href={draftPath(featured.slug, { module: module.code })}>
                        {module.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              </Step>
            </>
          ) : null}
          {hasName ? (
            <Step title={t("profile.title")}>
              <p>{t("profile.text")}</p>
              <p>
                <Link href={profilePath()}>{t("profile.link")}</Link>
              </p>
            </Step>
          ) : null}
          <Step title={t("declare.title")}>
            <p>{t("declare.text")}</p>
            <p>
              <Link href={newOrganisationPath()}>{t("declare.link")}</Link>
            </p>
          </Step>
          <Step title={t("inbox.title")}>
            <p>{t("inbox.text")}</p>
            <p>
              <Link href={inboxPath()}>{t("inbox.link")}</Link>
            </p>
          </Step>
        </ul>
      </Section>
      {featured ? (
        <Section title={t("calls.title")}>
          <p className="mb-4 max-w-2xl text-muted">
            {t("calls.text", { count: openCalls.length })}
          </p>
          {openCalls.length > 0 ? <CallList calls={openCalls} empty="" /> : null}
          <p className="mt-4">
            <Link href={callsPath(featured.slug)}>{t("calls.link")}</Link>
          </p>
        </Section>
      ) : null}
      <p className="flex flex-wrap gap-x-6 gap-y-2">
        <Link href={groupsPath()}>{t("groups")}</Link>
        <Link href={transparencyPath()}>{t("record")}</Link>
      </p>
    </>
  );
}
