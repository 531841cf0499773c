import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import type { ClauseToAnswer } from "@/components/registry/answer-fields";
import { DeclarationForm } from "@/components/registry/declaration-form";
import { WithdrawDeclarationForm } from "@/components/registry/declaration-form-withdraw";
import { Notice } from "@/components/ui/notice";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { plainTextOf } from "@/lib/drafting/rich-text";
import { declarationEditPath, declarationPath, releaseClausePath, signInPath } from "@/lib/paths";
import { isRepresentative } from "@/lib/registry/authz";
import { finalStates } from "@/lib/registry/declaration-rows";
import { getWorkingCopy } from "@/lib/registry/working-copy";
import { editDeclarationAction, withdrawDeclarationAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string }> };

const numberOf = (raw: string) => (/^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const number = numberOf((await params).number);
  const t = await getTranslations("registry.edit");
  return { title: number ? t("metaTitle", { number }) : undefined };
}

/** A short excerpt of a clause's requirement, so the form reads without leaving the page. */
function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Where representatives edit, publish, reaffirm or withdraw their declaration. */
export default async function EditDeclarationPage({ params }: Props) {
  const number = numberOf((await params).number);
  if (!number) notFound();
  const db = getDb();
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(declarationEditPath(number)));
  const copy = await getWorkingCopy(db, number);
  if (!copy) notFound();
  if (!(await isRepresentative(db, copy.organisation.id, viewer.id))) forbidden();
  const t = await getTranslations("registry.edit");
  const { declaration, content } = copy;
  const working = declaration.working;
  const final = finalStates.includes(declaration.state);
  const comments = copy.review?.verdict === "changes_requested" ? copy.review.comments : {};
  const clauses: ClauseToAnswer[] = copy.required.map((clause) => ({
    ref: clause.ref,
    title: clause.title,
    strength: clause.strength,
    level: clause.level,
    excerpt: excerpt(plainTextOf(clause.body)),
    href: releaseClausePath(working.standard, working.release.version, clause.ref),
    releaseVersion: working.release.version,
    comment: comments[clause.ref] ?? null,
  }));
  const releaseVersions = copy.releases.map((release) => release.version);
  // A withdrawn release stays selected, so the form says so instead of switching silently.
  const releaseGone = !releaseVersions.includes(working.release.version);
  if (releaseGone) releaseVersions.unshift(working.release.version);
  return (
    <>
      <PageTitle
        title={t("title", { number, product: working.product.name })}
        lead={t("lead", { organisation: copy.organisation.name })}
      />
      <dl className="mb-8 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium">{t("state")}</dt>
        <dd data-testid="declaration-state">{t(`states.${declaration.state}`)}</dd>
        <dt className="font-medium">{t("version")}</dt>
        <dd data-testid="declaration-version">
          {declaration.latestVersion > 0 ? declaration.latestVersion : t("noVersion")}
        </dd>
        {declaration.expiresAt && !finalStates.includes(declaration.state) ? (
          <>
            <dt className="font-medium">{t("expires")}</dt>
            <dd>{(await getFormatter()).dateTime(declaration.expiresAt, { dateStyle: "long" })}</dd>
          </>
        ) : null}
        {declaration.latestVersion > 0 ? (
          <>
            <dt className="font-medium">{t("publicPage")}</dt>
            <dd>
              <a href={declarationPath(number)}>{declarationPath(number)}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {final ? (
        <Notice tone="info">{t("finalNotice", { state: declaration.state })}</Notice>
      ) : (
        <ClientMessages>
          {copy.review ? (
            <Section title={t("reviewTitle", { version: copy.review.version })}>
              <p>{t("reviewVerdict", { verdict: copy.review.verdict })}</p>
              {comments[""] ? <p className="whitespace-pre-line">{comments[""]}</p> : null}
            </Section>
          ) : null}
          {releaseGone ? <Notice tone="error">{t("releaseGone")}</Notice> : null}
          {copy.newer ? (
            <Notice tone="info">{t("newerRelease", { version: copy.newer })}</Notice>
          ) : null}
          <DeclarationForm
            action={editDeclarationAction}
            number={number}
            product={working.product}
            release={working.release.version}
            releases={releaseVersions}
            modules={(content?.modules ?? []).map(({ code, name }) => ({ code, name }))}
            levels={(content?.levels ?? []).map((level) => level.name)}
            claims={working.claims}
            clauses={clauses}
            answers={Object.fromEntries(copy.answers)}
            canReaffirm={declaration.state === "listed" || declaration.state === "lapsed"}
          />
          {declaration.latestVersion > 0 ? (
            <Section title={t("withdrawTitle")}>
              <p className="mb-3 max-w-2xl text-sm text-muted">{t("withdrawLead")}</p>
              <WithdrawDeclarationForm action={withdrawDeclarationAction} number={number} />
            </Section>
          ) : null}
        </ClientMessages>
      )}
    </>
  );
}
