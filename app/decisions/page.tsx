import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChallengeQueue } from "@/components/challenges/challenge-queue";
import { VoteForm } from "@/components/decisions/call-forms";
import { CallList } from "@/components/decisions/call-list";
import { PersonName } from "@/components/person-name";
import { PageTitle, Section } from "@/components/ui/page";
import { challengesAwaitingGroups } from "@/lib/challenges/queue";
import { getViewer } from "@/lib/community/request-viewer";
import { holdsRole } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { listEscalated, objectionsOf } from "@/lib/decisions/queries";
import { votingStage } from "@/lib/decisions/rules";
import { waitingDecisionsPath } from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";

// Reads the database before anything of the request: without this, `next build` (which has no
// database) would try to render the page ahead of time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("decisions"))("queue.title") };
}

/**
 * The advisory group's and the steering committee's queues: each escalated call with its
 * objections, and for members a vote form. Anyone may read it.
 */
export default async function DecisionsPage() {
  const db = getDb();
  const [t, tChallenges, viewer, escalated, challenges] = await Promise.all([
    getTranslations("decisions"),
    getTranslations("challenges.queue"),
    getViewer(),
    readerLocale().then((locale) => listEscalated(db, locale)),
    challengesAwaitingGroups(db),
  ]);
  const objections = await objectionsOf(
    db,
    escalated.map((call) => call.id),
  );
  const member = {
    ag: viewer ? holdsRole(viewer.roles, "advisory_group") : false,
    sc: viewer ? holdsRole(viewer.roles, "steering_committee") : false,
  };
  const extra = (call: (typeof escalated)[number]) => {
    const stage = votingStage(call.phase);
    const mine = objections.get(call.id) ?? [];
    const voted = viewer ? call.voterIds.includes(viewer.id) : false;
    return (
      <>
        <p className="text-sm">{t("queue.objectionsLine", { count: mine.length })}</p>
        {mine.length > 0 ? (
          <ul className="ml-5 list-disc text-sm">
            {mine.map((objection) => (
              <li key={objection.id}>
                {objection.title} ·{" "}
                <PersonName name={objection.author} badges={objection.authorBadges} /> ·{" "}
                {t(`objectionState.${objection.state}`)}
              </li>
            ))}
          </ul>
        ) : null}
        {stage && member[stage] && !voted ? (
          <details className="mt-2">
            <summary className="cursor-pointer font-medium">{t(`vote.${stage}`)}</summary>
            <div className="mt-2">
              <VoteForm callId={call.id} stage={stage} conflicted={false} />
            </div>
          </details>
        ) : null}
      </>
    );
  };
  return (
    <>
      <PageTitle title={t("queue.title")} lead={t("queue.lead")} />
      {member.ag || member.sc ? (
        <p className="mb-6">
          <Link href={waitingDecisionsPath()} className="font-medium">
            {t("queue.waitingLink")}
          </Link>
        </p>
      ) : null}
      <Section title={t("queue.ag")}>
        <CallList
          calls={escalated.filter((call) => call.phase === "escalated_ag")}
          empty={t("queue.empty")}
          extra={extra}
        />
      </Section>
      <Section title={t("queue.sc")}>
        <CallList
          calls={escalated.filter((call) => call.phase !== "escalated_ag")}
          empty={t("queue.empty")}
          extra={extra}
        />
      </Section>
      <Section title={tChallenges("agTitle")}>
        <ChallengeQueue
          challenges={challenges.filter((challenge) => challenge.group === "advisory_group")}
          empty={tChallenges("empty")}
        />
      </Section>
      <Section title={tChallenges("scTitle")}>
        <ChallengeQueue
          challenges={challenges.filter((challenge) => challenge.group === "steering_committee")}
          empty={tChallenges("empty")}
        />
      </Section>
    </>
  );
}
