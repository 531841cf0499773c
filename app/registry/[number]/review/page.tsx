import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { type AnswerToReview, ReviewForm } from "@/components/registry/review-form";
import { PageTitle } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { holdsRole } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { declarationReviewPath, releaseClausePath, signInPath } from "@/lib/paths";
import { getPendingVersion } from "@/lib/registry/working-copy";
import { reviewDeclarationAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string }> };

const numberOf = (raw: string) => (/^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const number = numberOf((await params).number);
  const t = await getTranslations("registry.review");
  return { title: number ? t("metaTitle", { number }) : undefined };
}

/** An advisory-group member reviews the version waiting for one, clause by clause. */
export default async function ReviewDeclarationPage({ params }: Props) {
  const number = numberOf((await params).number);
  if (!number) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(declarationReviewPath(number)));
  if (!holdsRole(viewer.roles, "advisory_group")) forbidden();
  const [t, pending] = await Promise.all([
    getTranslations("registry.review"),
    getPendingVersion(getDb(), number),
  ]);
  if (!pending) {
    return (
      <>
        <PageTitle title={t("metaTitle", { number })} />
        <p className="text-muted">{t("nothing", { number })}</p>
      </>
    );
  }
  const body = pending.version.body;
  const answers: AnswerToReview[] = body.answers.map((answer) => {
    const clause = pending.clauses.get(answer.ref);
    return {
      ref: answer.ref,
      title: clause?.title ?? "",
      strength: clause?.strength ?? "",
      href: releaseClausePath(body.standard, body.release.version, answer.ref),
      answer: answer.answer,
      justification: answer.justification,
      evidence: answer.evidence,
    };
  });
  return (
    <>
      <PageTitle
        title={t("title", { number, product: body.product.name })}
        lead={t("lead", { organisation: pending.organisationName })}
      />
      <p className="mb-6 text-sm text-muted">
        {t("version", { version: pending.version.version, release: body.release.version })}
      </p>
      <ClientMessages>
        <ReviewForm action={reviewDeclarationAction} number={number} answers={answers} />
      </ClientMessages>
    </>
  );
}
