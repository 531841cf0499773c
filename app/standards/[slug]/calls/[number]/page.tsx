import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { cache } from "react";
import { AuditEntry } from "@/components/audit-entry";
import { CallChangeList } from "@/components/decisions/call-change-list";
import { CallCommentsClosed, CallDeadline } from "@/components/decisions/call-deadline";
import { YourAppeal, YourPosition, YourVote } from "@/components/decisions/call-forms";
import { PhaseBadge } from "@/components/decisions/call-list";
import { CallPositions } from "@/components/decisions/call-positions";
import { CallSubject } from "@/components/decisions/call-subject";
import { CallVotes } from "@/components/decisions/call-votes";
import { ThreadList } from "@/components/discussion/thread-list";
import { PersonName, withPeople } from "@/components/person-name";
import { signInLink } from "@/components/sign-in-link";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { holdsRole } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { getCallPage } from "@/lib/decisions/call-page";
import { isFinal } from "@/lib/decisions/rules";
import { parseDiffView } from "@/lib/drafting/diff";
import { callPath, callSubjectId, callsPath } from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";
import { callTimeline } from "@/lib/transparency/queries";

type Props = {
  params: Promise<{ slug: string; number: string }>;
  searchParams: Promise<{
    view?: string | string[];
    module?: string | string[];
    kind?: string | string[];
    objected?: string | string[];
    /** A discussion form to draw open, for a reader without scripts. */
    form?: string | string[];
  }>;
};

const one = (value: string | string[] | undefined) =>
  (typeof value === "string" ? value : "").slice(0, 40);

/** Read once per request: the page and its metadata both need the call. */
const load = cache(async (slug: string, number: string) => {
  if (!/^\d{1,9}$/.test(number)) return null;
  return getCallPage(getDb(), slug, Number(number), await getViewer(), await readerLocale());
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, number } = await params;
  const page = await load(slug, number);
  if (!page) return {};
  const t = await getTranslations("decisions");
  return { title: t("callTitle", { number: page.call.number, title: page.call.title }) };
}

export default async function CallPage({ params, searchParams }: Props) {
  const [{ slug, number }, query] = await Promise.all([params, searchParams]);
  const page = await load(slug, number);
  if (!page) notFound();
  const [t, format, viewer, timeline] = await Promise.all([
    getTranslations("decisions"),
    getFormatter(),
    getViewer(),
    readerLocale().then((locale) =>
      callTimeline(getDb(), page.call.slug, page.call.number, locale),
    ),
  ]);
  const { call } = page;
  // Said with "UTC" after it, so in UTC whatever the reader's own time zone.
  const when = (date: Date) =>
    format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={callsPath(call.slug)}>
          {t("title")} · {call.standardName}
        </Link>
      </p>
      <PageTitle
        title={t("callTitle", { number: call.number, title: call.title })}
        lead={
          <>
            <PhaseBadge phase={call.phase} /> {t(`kinds.${call.kind}`)}
          </>
        }
      />
      <ul className="mb-8 space-y-1 text-sm">
        <li>
          {withPeople(
            (people) => t("openedBy", { ...people, date: `${when(call.openedAt)} UTC` }),
            {
              name: <PersonName name={call.proposer} badges={call.proposerBadges} />,
            },
          )}
        </li>
        <CallCommentsClosed call={call} />
        <li>
          <CallDeadline call={call} />
        </li>
        {call.organisations.length > 0 ? (
          <li>{t("organisations", { names: call.organisations.join(", ") })}</li>
        ) : null}
        <li className="text-muted">
          {t("charter.summary", {
            comment: call.charter.commentPeriodDays,
            quorum: call.charter.quorum,
            ag: call.charter.agDeadlineDays,
            appeal: call.charter.appealWindowDays,
          })}
        </li>
      </ul>
      {isFinal(call.phase) || call.agDecision ? (
        <Section title={t("outcome")}>
          {call.agDecision ? (
            <p className="mb-2">{t("agDecision", { choice: t(`choices.${call.agDecision}`) })}</p>
          ) : null}
          {/* A decision that stood without appeal keeps the advisory group's reasons. */}
          {call.agRationale && !(isFinal(call.phase) && call.rationale) ? (
            <p className="whitespace-pre-wrap text-muted">{call.agRationale}</p>
          ) : null}
          {isFinal(call.phase) ? (
            <>
              <p className="font-medium">{t(`phases.${call.phase}`)}</p>
              <p className="whitespace-pre-wrap">{call.rationale}</p>
            </>
          ) : null}
        </Section>
      ) : null}
      {page.parent ? (
        <p className="mb-6">
          <Link href={callPath(call.slug, page.parent.number)} className="underline">
            {t("lastCall.heldFrom", { number: page.parent.number, title: page.parent.title })}
          </Link>
        </p>
      ) : null}
      <CallSubject page={page} view={parseDiffView(query.view)} />
      <CallChangeList
        page={page}
        view={parseDiffView(query.view)}
        filters={{
          module: one(query.module),
          kind: one(query.kind),
          objected: one(query.objected) !== "",
        }}
      />
      {/* A held change's positions and objections were taken on its last call, linked above. */}
      {page.parent ? null : (
        <CallPositions
          page={page}
          moderator={Boolean(viewer && holdsRole(viewer.roles, "advisory_group"))}
        />
      )}
      {viewer && call.phase === "open" ? (
        <YourPosition
          callId={call.id}
          title={t("yourPosition")}
          mine={page.mine ?? undefined}
          items={
            page.changes && !page.parent
              ? page.changes.items.map((item) => ({
                  id: item.id,
                  label: item.isSection ? item.title : `${item.key} · ${item.title}`,
                }))
              : null
          }
        />
      ) : null}
      {!viewer && call.phase === "open" ? (
        <p className="mb-8 text-muted">
          {t.rich("signInToOpen", { link: signInLink(callPath(call.slug, call.number)) })}
        </p>
      ) : null}
      {page.parent ? null : (
        <Section title={t("objections")}>
          {page.objections.length > 0 ? (
            <ThreadList
              threads={page.objections}
              viewer={viewer}
              call={call}
              openForm={one(query.form) || undefined}
            />
          ) : (
            <p className="text-muted">{t("noObjections")}</p>
          )}
        </Section>
      )}
      <CallVotes page={page} />
      {viewer ? (
        <YourVote callId={call.id} title={t("yourVote")} mine={page.mine ?? undefined} />
      ) : null}
      {viewer && call.phase === "ag_decided" ? (
        <YourAppeal callId={call.id} mine={page.mine ?? undefined} />
      ) : null}
      <Section title={t("timeline")}>
        <ol className="divide-y divide-line rounded-lg border border-line bg-white">
          {timeline.map((row) => (
            <AuditEntry
              key={row.id}
              row={row}
              here={{ subjectType: "call", subjectId: callSubjectId(call.slug, call.number) }}
            />
          ))}
        </ol>
      </Section>
    </>
  );
}
