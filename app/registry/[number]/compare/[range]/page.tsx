import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { AnswerChanges } from "@/components/registry/declaration-view-compare";
import { PageTitle, Section } from "@/components/ui/page";
import { getDb } from "@/lib/db/client";
import { decodeSegment } from "@/lib/http/params";
import { declarationPath } from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";
import { claimsText } from "@/lib/registry/badge";
import { declarationNumber } from "@/lib/registry/public-json";
import { declarationVersionPair } from "@/lib/registry/queries-declaration";
import { diffDeclarationBodies, parseVersionRange } from "@/lib/registry/version-diff";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string; range: string }> };

const load = cache(async (segment: string, rangeSegment: string) => {
  const number = declarationNumber(segment);
  const range = parseVersionRange(decodeSegment(rangeSegment));
  if (number === null || !range) return null;
  return declarationVersionPair(getDb(), number, range.from, range.to);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { number, range } = await params;
  const pair = await load(number, range);
  if (!pair) return {};
  const t = await getTranslations("registry.compare");
  return {
    title: t("title", { number: pair.head.number, from: pair.from.version, to: pair.to.version }),
  };
}

/** Two published versions of a declaration: claims and answers, clause by clause. */
export default async function DeclarationComparePage({ params }: Props) {
  const { number, range } = await params;
  const pair = await load(number, range);
  if (!pair) notFound();
  const [t, locale] = await Promise.all([getTranslations("registry.compare"), readerLocale()]);
  const { head, from, to } = pair;
  const diff = diffDeclarationBodies(from.body, to.body);
  const titles = new Map(
    [...from.content.clauses, ...to.content.clauses].map((clause) => [clause.ref, clause.title]),
  );
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href={declarationPath(head.number)}>{t("back")}</Link>
      </p>
      <PageTitle
        title={t("title", { number: head.number, from: from.version, to: to.version })}
        lead={t("lead", { product: to.body.product.name })}
      />
      <Section title={t("claims")} id="claims">
        {diff.claimsChanged ? (
          <ul>
            <li>
              {t("claimsBefore", { claims: claimsText(from.content, from.body.claims, locale) })}
            </li>
            <li>{t("claimsAfter", { claims: claimsText(to.content, to.body.claims, locale) })}</li>
          </ul>
        ) : (
          <p>{t("claimsSame")}</p>
        )}
        {diff.releaseChanged ? (
          <p className="mt-2">
            {t("release", {
              from: from.version,
              to: to.version,
              before: from.body.release.version,
              after: to.body.release.version,
            })}
          </p>
        ) : null}
        {diff.productChanged ? <p className="mt-2">{t("product")}</p> : null}
      </Section>
      <Section title={t("answers")} id="answers">
        <AnswerChanges changes={diff.answers} titles={titles} />
      </Section>
    </>
  );
}
