import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AppealForm, PositionForm, VoteForm, WithdrawCallForm } from "@/app/decisions/forms";
import { ThreadList } from "@/app/standards/[slug]/draft/thread-list";
import { AuditEntry } from "@/app/transparency/audit-entry";
import { PhaseBadge } from "@/components/decisions/call-list";
import { Countdown } from "@/components/decisions/countdown";
import { PersonName, withPeople } from "@/components/person-name";
import { Redline } from "@/components/redline";
import { RichText } from "@/components/rich-text";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { holdsRole } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { type CallPage as CallData, getCallPage } from "@/lib/decisions/call-page";
import { deadlineOf, isFinal } from "@/lib/decisions/rules";
import { stances } from "@/lib/decisions/tally";
import { diffWords, hasChanges } from "@/lib/drafting/diff";
import { clauseFields } from "@/lib/drafting/rich-text";
import { compareReleases } from "@/lib/releases/compare";
import { getCandidate, getRelease, releaseOfCandidate } from "@/lib/releases/queries";
import { isLaterVersion } from "@/lib/releases/versions";
import { HidePositionReasonForm } from "./hide-reason-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; number: string }> };

async function load(params: Props["params"]) {
  const { slug, number } = await params;
  if (!/^\d{1,9}$/.test(number)) return null;
  return getCallPage(getDb(), slug, Number(number), await getViewer());
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await load(params);
  if (!page) return {};
  const t = await getTranslations("decisions");
  return { title: t("callTitle", { number: page.call.number, title: page.call.title }) };
}

async function Candidate({ candidateId, slug }: { candidateId: string; slug: string }) {
  const t = await getTranslations("releases");
  const db = getDb();
  const candidate = await getCandidate(db, candidateId);
  if (!candidate) return null;
  const [latest, published] = await Promise.all([
    getRelease(db, slug, "latest"),
    releaseOfCandidate(db, candidateId),
  ]);
  // What the candidate changes: against the newest release before it, not whatever came after.
  const previous =
    latest?.all.find((release) => isLaterVersion(candidate.version, release.version)) ?? null;
  const changes = previous ? compareReleases(previous.content, candidate.content).summary : null;
  const tCompare = await getTranslations("releases.compare");
  return (
    <div className="rounded-lg border border-line bg-white p-4">
      <h3 className="mb-2 font-semibold">{t("candidate.title", { version: candidate.version })}</h3>
      <ul className="space-y-1 text-sm">
        <li>{t("candidate.clauses", { count: candidate.content.clauses.length })}</li>
        <li className="break-all font-mono text-xs">
          {t("candidate.digest", { digest: candidate.digest })}
        </li>
        {candidate.leftOut.length > 0 ? (
          <li>{t("candidate.leftOut", { refs: candidate.leftOut.join(", ") })}</li>
        ) : null}
        {changes && previous ? (
          <li>
            {t("candidate.changes", {
              version: previous.version,
              summary: tCompare("summary", changes),
            })}
          </li>
        ) : null}
        {published ? (
          <li>
            <Link href={`/standards/${slug}/v/${published}`} className="underline">
              {t("candidate.published", { version: published })}
            </Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

async function Subject({ page }: { page: CallData }) {
  const [t, tDrafting] = await Promise.all([
    getTranslations("decisions"),
    getTranslations("drafting"),
  ]);
  const { call, revision } = page;
  return (
    <Section title={t("subject")}>
      {call.description ? <p className="mb-4 whitespace-pre-wrap">{call.description}</p> : null}
      {call.releaseId ? <Candidate candidateId={call.releaseId} slug={call.slug} /> : null}
      {revision && call.clauseRef ? (
        <div className="rounded-lg border border-line bg-white p-4">
          <h3 className="mb-2 font-semibold">
            <Link href={`/standards/${call.slug}/draft/${call.clauseRef}`} className="underline">
              {t("proposedRevision", { number: revision.number, ref: call.clauseRef })}
            </Link>
            {" · "}
            {revision.title}
          </h3>
          {clauseFields.map((field) => (
            <div key={field} className="mb-3">
              <h4 className="text-sm font-medium text-muted">
                {tDrafting(`editor.fields.${field}`)}
              </h4>
              <RichText value={revision[field]} empty={tDrafting("emptyField")} />
            </div>
          ))}
          {page.workingText !== null ? (
            hasChanges(diffWords(revision.plainText, page.workingText)) ? (
              <div className="mt-4 border-t border-line pt-3">
                <p className="mb-2 text-sm font-medium">{t("movedOn")}</p>
                <Redline parts={diffWords(revision.plainText, page.workingText)} />
              </div>
            ) : (
              <p className="mt-3 text-sm text-muted">{t("notMovedOn")}</p>
            )
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}

async function Positions({ page, moderator }: { page: CallData; moderator: boolean }) {
  const t = await getTranslations("decisions");
  return (
    <Section title={t("positions")}>
      <p className="mb-3 text-sm">
        {stances
          .filter((stance) => page.tally[stance] > 0)
          .map((stance) => `${t(`stances.${stance}`)} ${page.tally[stance]}`)
          .join(" · ") || t("noPositions")}
        {" — "}
        {t("tallyLine", { count: page.quorum, quorum: page.call.charter.quorum })}
      </p>
      {page.positions.length > 0 ? (
        <ul className="divide-y divide-line rounded-lg border border-line bg-white">
          {page.positions.map((position) => (
            <li key={position.userId} className="p-3" id={`position-${position.userId}`}>
              <p>
                <PersonName name={position.name} badges={position.badges} />:{" "}
                {t(`stances.${position.stance}`)}
              </p>
              {position.reasonHidden ? (
                <p className="text-sm italic text-muted">{t("reasonHidden")}</p>
              ) : null}
              {position.reason ? (
                <p className="whitespace-pre-wrap text-sm text-muted">{position.reason}</p>
              ) : null}
              {moderator && position.reasonId && !position.reasonHidden ? (
                <HidePositionReasonForm reasonId={position.reasonId} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

async function Votes({ page }: { page: CallData }) {
  const [t, format] = await Promise.all([getTranslations("decisions"), getFormatter()]);
  if (page.votes.length === 0 && !page.appeal) return null;
  return (
    <Section title={t("votes")}>
      {page.appeal ? (
        <p className="mb-3">
          {withPeople(
            (people) => t("appealLine", { ...people, reason: page.appeal?.reason ?? "" }),
            { name: <PersonName name={page.appeal.name} badges={page.appeal.badges} /> },
          )}
        </p>
      ) : null}
      {(["ag", "sc"] as const).map((stage) => {
        const cast = page.votes.filter((vote) => vote.stage === stage);
        if (cast.length === 0) return null;
        return (
          <div key={stage} className="mb-4">
            <h3 className="mb-2 font-semibold">{t(`stage.${stage}`)}</h3>
            <ul className="divide-y divide-line rounded-lg border border-line bg-white">
              {cast.map((vote) => (
                <li key={vote.userId} className="p-3">
                  <p>
                    <PersonName name={vote.name} badges={vote.badges} />:{" "}
                    {t(`choices.${vote.choice}`)}
                  </p>
                  <p className="whitespace-pre-wrap text-sm text-muted">{vote.rationale}</p>
                  <p className="whitespace-pre-wrap text-xs text-muted">
                    {vote.declaration
                      ? t("declarationInForce", {
                          when: format.dateTime(vote.declaration.declaredAt, {
                            dateStyle: "medium",
                            timeStyle: "short",
                          }),
                          text: [vote.declaration.text, vote.declaration.affiliation]
                            .filter(Boolean)
                            .join(" · "),
                        })
                      : t("noDeclaration")}
                  </p>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </Section>
  );
}

export default async function CallPage({ params }: Props) {
  const page = await load(params);
  if (!page) notFound();
  const [t, format, viewer] = await Promise.all([
    getTranslations("decisions"),
    getFormatter(),
    getViewer(),
  ]);
  const { call } = page;
  const deadline = deadlineOf(call)?.at ?? null;
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/standards/${call.slug}/calls`}>
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
          {withPeople((people) => t("openedBy", { ...people, date: when(call.openedAt) }), {
            name: <PersonName name={call.proposer} badges={call.proposerBadges} />,
          })}
        </li>
        <li>
          {call.phase === "open"
            ? t("closesIn", { when: `${when(call.closesAt)} UTC` })
            : t("closedOn", { when: `${when(call.closedAt ?? call.closesAt)} UTC` })}
          {deadline ? (
            <>
              {" · "}
              <strong>
                <Countdown
                  deadline={deadline.toISOString()}
                  renderedAt={new Date().toISOString()}
                />
              </strong>
            </>
          ) : null}
        </li>
        {call.phase === "escalated_ag" && call.agDeadline ? (
          <li>{t("agDeadline", { when: `${when(call.agDeadline)} UTC` })}</li>
        ) : null}
        {call.phase === "ag_decided" && call.appealDeadline ? (
          <li>{t("appealDeadline", { when: `${when(call.appealDeadline)} UTC` })}</li>
        ) : null}
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
          {call.agRationale && !isFinal(call.phase) ? (
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
      <Subject page={page} />
      <Positions
        page={page}
        moderator={Boolean(viewer && holdsRole(viewer.roles, "advisory_group"))}
      />
      {viewer && call.phase === "open" ? (
        <Section title={t("yourPosition")}>
          <PositionForm callId={call.id} current={page.viewer.position} />
          {page.viewer.isProposer ? <WithdrawCallForm callId={call.id} /> : null}
        </Section>
      ) : null}
      {!viewer && call.phase === "open" ? (
        <p className="mb-8 text-muted">{t("signInToOpen")}</p>
      ) : null}
      <Section title={t("objections")}>
        {page.objections.length > 0 ? (
          <ThreadList threads={page.objections} viewer={viewer} />
        ) : (
          <p className="text-muted">{t("noObjections")}</p>
        )}
      </Section>
      <Votes page={page} />
      {page.viewer.voteStage ? (
        <Section title={t("yourVote")}>
          <VoteForm
            callId={call.id}
            stage={page.viewer.voteStage}
            conflicted={page.viewer.conflicted}
          />
        </Section>
      ) : null}
      {call.phase === "ag_decided" && page.viewer.position ? <AppealForm callId={call.id} /> : null}
      <Section title={t("timeline")}>
        <ol className="divide-y divide-line rounded-lg border border-line bg-white">
          {page.timeline.map((row) => (
            <AuditEntry key={row.id} row={row} />
          ))}
        </ol>
      </Section>
    </>
  );
}
