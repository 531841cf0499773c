import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ChallengeQueue } from "@/components/challenges/challenge-queue";
import { CallList } from "@/components/decisions/call-list";
import { PageTitle } from "@/components/ui/page";
import { challengesWaitingFor } from "@/lib/challenges/queue";
import { getViewer } from "@/lib/community/request-viewer";
import { holdsRole } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { waitingFor } from "@/lib/decisions/queries";
import { declarationReviewPath, signInPath, waitingDecisionsPath } from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";
import { type AwaitingReview, declarationsAwaitingReview } from "@/lib/registry/review-queue";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("decisions"))("waiting.title") };
}

export default async function WaitingPage() {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(waitingDecisionsPath()));
  const [t, calls] = await Promise.all([
    getTranslations("decisions"),
    waitingFor(getDb(), viewer, await readerLocale()),
  ]);
  const adviser = holdsRole(viewer.roles, "advisory_group");
  const member = adviser || holdsRole(viewer.roles, "steering_committee");
  return (
    <>
      <PageTitle title={t("waiting.title")} lead={t("waiting.lead")} />
      {member ? (
        <CallList calls={calls} empty={t("waiting.empty")} />
      ) : (
        <p className="text-muted">{t("waiting.notMember")}</p>
      )}
      {member ? <ChallengesWaiting userId={viewer.id} /> : null}
      {adviser ? <ReviewQueue declarations={await declarationsAwaitingReview(getDb())} /> : null}
    </>
  );
}

/** Challenges before the member's group that still need their vote. */
async function ChallengesWaiting({ userId }: { userId: string }) {
  const [t, challenges] = await Promise.all([
    getTranslations("challenges.queue"),
    challengesWaitingFor(getDb(), userId, new Date()),
  ]);
  return (
    <section aria-labelledby="challenges-waiting" className="mt-10">
      <h2 id="challenges-waiting" className="mb-2 text-xl font-semibold">
        {t("waitingTitle")}
      </h2>
      <p className="mb-4 text-sm text-muted">{t("waitingLead")}</p>
      <ChallengeQueue challenges={challenges} empty={t("waitingEmpty")} />
    </section>
  );
}

/** Declarations held for an advisory-group review: any member may take one. */
async function ReviewQueue({ declarations }: { declarations: AwaitingReview[] }) {
  const [t, format] = await Promise.all([getTranslations("decisions.waiting"), getFormatter()]);
  return (
    <section aria-labelledby="review-queue" className="mt-10">
      <h2 id="review-queue" className="mb-2 text-xl font-semibold">
        {t("declarationsTitle")}
      </h2>
      <p className="mb-4 text-sm text-muted">{t("declarationsLead")}</p>
      {declarations.length === 0 ? (
        <p className="text-muted">{t("declarationsEmpty")}</p>
      ) : (
        <ul className="space-y-2">
          {declarations.map((declaration) => (
            <li key={declaration.number}>
              <Link href={declarationReviewPath(declaration.number)} className="font-medium">
                {t("declaration", declaration)}
              </Link>{" "}
              <span className="text-sm text-muted">
                {t("waitingSince", {
                  date: format.dateTime(declaration.since, { dateStyle: "medium" }),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
