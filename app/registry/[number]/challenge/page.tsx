import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChallengeForm } from "@/components/challenges/challenge-form";
import { ClientMessages } from "@/components/client-messages";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { declarationPath, newChallengePath, signInPath } from "@/lib/paths";
import { declarationNumber } from "@/lib/registry/public-json";
import { publicDeclaration } from "@/lib/registry/queries-declaration";
import { requiredClauses } from "@/lib/registry/rules";
import { fileChallengeAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const number = declarationNumber((await params).number);
  const t = await getTranslations("challenges.file");
  return { title: number ? t("metaTitle", { number }) : undefined };
}

/** Where anyone signed in challenges a listed declaration, clause by clause or as a whole. */
export default async function NewChallengePage({ params }: Props) {
  const number = declarationNumber((await params).number);
  if (number === null) notFound();
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(newChallengePath(number)));
  const declaration = await publicDeclaration(getDb(), number);
  if (!declaration) notFound();
  const t = await getTranslations("challenges.file");
  const { body } = declaration.shown;
  const answered = new Set(body.answers.map((answer) => answer.ref));
  const clauses = requiredClauses(declaration.release.content, body.claims)
    .filter((clause) => answered.has(clause.ref))
    .map((clause) => ({ ref: clause.ref, title: clause.title }));
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href={declarationPath(number)}>{t("back")}</Link>
      </p>
      <PageTitle
        title={t("title", { product: body.product.name, number })}
        lead={t("lead", {
          organisation: declaration.organisation.name,
          version: declaration.latestVersion,
        })}
      />
      {declaration.state === "listed" ? (
        <>
          <div className="mb-6 max-w-2xl space-y-2 text-sm">
            <p>{t("process")}</p>
            <p>{t("public")}</p>
          </div>
          <ClientMessages>
            <ChallengeForm action={fileChallengeAction} number={number} clauses={clauses} />
          </ClientMessages>
        </>
      ) : (
        <Notice tone="info">{t(`notListed.${declaration.state}`)}</Notice>
      )}
    </>
  );
}
