import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import {
  ChallengedMarker,
  challengedClauses,
  DeclarationChallengeList,
  DeclarationChallengeNotices,
} from "@/components/challenges/declaration-challenges";
import { BadgeSnippets } from "@/components/registry/badge-snippets";
import { DeclarationFacts, OlderVersionNotice } from "@/components/registry/declaration-view";
import { DeclarationAnswers } from "@/components/registry/declaration-view-answers";
import { DeclarationHistory } from "@/components/registry/declaration-view-history";
import { RelistingLeave } from "@/components/registry/relisting-leave";
import { DeclarationTransitionNotice } from "@/components/registry/transition-notice";
import { PurchasersSurveyLink } from "@/components/reviews/purchasers-survey-link";
import { Notice } from "@/components/ui/notice";
import { PageTitle, Section } from "@/components/ui/page";
import { challengesOfDeclaration } from "@/lib/challenges/queries";
import { getViewer } from "@/lib/community/request-viewer";
import { holdsRole } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import {
  declarationEditPath,
  declarationJsonPath,
  declarationPath,
  declarationReviewPath,
  registryPath,
} from "@/lib/paths";
import { isRepresentative } from "@/lib/registry/authz";
import { declarationNumber } from "@/lib/registry/public-json";
import { type PublicDeclaration, publicDeclaration } from "@/lib/registry/queries-declaration";

// Rendered per request; lib/http/front.ts keeps anonymous copies and forgets them when the
// registry changes.
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ number: string }>;
  searchParams: Promise<{ version?: string | string[] }>;
};

/** Read once per request: the page and its metadata both need it. */
const load = cache(async (segment: string, version: string | undefined) => {
  const number = declarationNumber(segment);
  if (number === null) return null;
  if (version !== undefined && declarationNumber(version) === null) return null;
  return publicDeclaration(getDb(), number, version === undefined ? undefined : Number(version));
});

/** Where a newer release of the standard matters: the listing is, or may again be, in force. */
const stillInForce: ReadonlySet<string> = new Set(["listed", "pending_review", "lapsed"]);

const versionOf = (value: string | string[] | undefined) =>
  typeof value === "string" ? value : undefined;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ number }, query] = await Promise.all([params, searchParams]);
  const declaration = await load(number, versionOf(query.version));
  if (!declaration) return {};
  const t = await getTranslations("registry.declaration");
  return {
    title: t("title", { product: declaration.shown.body.product.name, number: declaration.number }),
    alternates: { canonical: declarationPath(declaration.number) },
  };
}

/** One declaration, every answer and its evidence, its history and its badge. */
export default async function DeclarationPage({ params, searchParams }: Props) {
  const [{ number }, query] = await Promise.all([params, searchParams]);
  const declaration = await load(number, versionOf(query.version));
  if (!declaration) notFound();
  const [t, challenges] = await Promise.all([
    getTranslations("registry.declaration"),
    challengesOfDeclaration(getDb(), declaration.id),
  ]);
  const tc = await getTranslations("challenges.declaration");
  const { shown, organisation, standard, release } = declaration;
  // Challenges concern the answers in force: an older version is shown as it was published.
  const challenged =
    shown.version === declaration.latestVersion
      ? challengedClauses(challenges)
      : new Map<string, number[]>();
  const marks = new Map(
    [...challenged].map(([ref, numbers]) => [
      ref,
      <ChallengedMarker key={ref} numbers={numbers} />,
    ]),
  );
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href={registryPath()}>{t("back")}</Link>
      </p>
      <PageTitle
        title={t("title", { product: shown.body.product.name, number: declaration.number })}
        lead={t("lead", {
          organisation: organisation.name,
          standard: standard.name,
          version: release.version,
        })}
      />
      <OlderVersionNotice declaration={declaration} />
      {declaration.state === "pending_review" ? <ReviewNotice number={declaration.number} /> : null}
      <EditLink declaration={declaration} />
      {stillInForce.has(declaration.state) && shown.version === declaration.latestVersion ? (
        <DeclarationTransitionNotice declarationId={declaration.id} />
      ) : null}
      <DeclarationChallengeNotices
        challenges={challenges}
        state={declaration.state}
        relistingBarredUntil={declaration.relistingBarredUntil}
      />
      <DeclarationFacts declaration={declaration} />
      {declaration.state === "listed" ? (
        <PurchasersSurveyLink standardSlug={standard.slug} />
      ) : null}
      <Section title={t("answers")} id="answers">
        <p className="mb-4 text-sm text-muted">{t("answersLead")}</p>
        <DeclarationAnswers declaration={declaration} marks={marks} />
      </Section>
      <Section title={tc("title")} id="challenges">
        <DeclarationChallengeList
          number={declaration.number}
          listed={declaration.state === "listed"}
          challenges={challenges}
        />
      </Section>
      <Section title={t("history")} id="history">
        <DeclarationHistory declaration={declaration} />
        <p className="mt-3 text-sm">
          <a href={declarationJsonPath(declaration.number)}>{t("json")}</a>
        </p>
      </Section>
      <RelistingLeave number={declaration.number} state={declaration.state} />
      <Section title={t("badge")} id="badge">
        <BadgeSnippets
          number={declaration.number}
          standard={standard.name}
          state={declaration.state}
        />
      </Section>
    </>
  );
}

/** Why the listing waits, and for an advisory-group member the way to the review. */
async function ReviewNotice({ number }: { number: number }) {
  const [t, viewer] = await Promise.all([getTranslations("registry.declaration"), getViewer()]);
  const adviser = viewer !== null && holdsRole(viewer.roles, "advisory_group");
  return (
    <Notice tone="info">
      {t("pendingReview")}{" "}
      {adviser ? (
        <Link href={declarationReviewPath(number)} className="underline">
          {t("reviewLink")}
        </Link>
      ) : null}
    </Notice>
  );
}

/** For the organisation's representatives (signed in, so never in a kept copy): the way back. */
async function EditLink({ declaration }: { declaration: PublicDeclaration }) {
  const viewer = await getViewer();
  if (!viewer || !(await isRepresentative(getDb(), declaration.organisationId, viewer.id))) {
    return null;
  }
  const t = await getTranslations("registry.declaration");
  return (
    <p className="mb-4 text-sm">
      <Link href={declarationEditPath(declaration.number)} className="font-medium">
        {t("editLink")}
      </Link>
    </p>
  );
}
