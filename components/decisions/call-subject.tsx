import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClauseChanges } from "@/components/changes/clause-changes";
import { DiffViewLinks } from "@/components/changes/view-links";
import { CharterSubject } from "@/components/decisions/charter-subject";
import { ReleaseChanges } from "@/components/decisions/release-changes";
import { TranslationSubject } from "@/components/decisions/translation-subject";
import { RichText } from "@/components/rich-text";
import { Section } from "@/components/ui/page";
import { getDb } from "@/lib/db/client";
import type { CallPage } from "@/lib/decisions/call-page";
import type { DiffView } from "@/lib/drafting/diff";
import { clausesDiffer } from "@/lib/drafting/field-diff";
import { clauseFields } from "@/lib/drafting/rich-text";
import { callPath, draftClausePath, releasePath } from "@/lib/paths";
import { compareReleases } from "@/lib/releases/compare";
import { getCandidate, getRelease, listReleases, releaseOfCandidate } from "@/lib/releases/queries";
import { isLaterVersion } from "@/lib/releases/versions";

/** The release a call would publish, and the clauses it changes from the release before it. */
async function Candidate({ candidateId, slug }: { candidateId: string; slug: string }) {
  const t = await getTranslations("releases");
  const db = getDb();
  const candidate = await getCandidate(db, candidateId);
  if (!candidate) return null;
  const [releases, published] = await Promise.all([
    listReleases(db, slug),
    releaseOfCandidate(db, candidateId),
  ]);
  // What the candidate changes: against the newest release before it, not whatever came after.
  const before = releases.find((release) => isLaterVersion(candidate.version, release.version));
  const previous = before ? await getRelease(db, slug, before.version) : null;
  const comparison = previous ? compareReleases(previous.content, candidate.content) : null;
  const [tCompare, tChanges] = await Promise.all([
    getTranslations("releases.compare"),
    getTranslations("changes.release"),
  ]);
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
        {comparison && previous ? (
          <li>
            {t("candidate.changes", {
              version: previous.version,
              summary: tCompare("summary", comparison.summary),
            })}
          </li>
        ) : (
          <li>{tChanges("first")}</li>
        )}
        {published ? (
          <li>
            <Link href={releasePath(slug, published)} className="underline">
              {t("candidate.published", { version: published })}
            </Link>
          </li>
        ) : null}
      </ul>
      {comparison && previous ? (
        <ReleaseChanges
          slug={slug}
          comparison={comparison}
          previous={previous}
          candidate={candidate}
          published={published}
        />
      ) : null}
    </div>
  );
}

/** The proposed revision of a clause call: what it changes in the adopted text, field by field. */
async function ProposedRevision({ page, view }: { page: CallPage; view: DiffView }) {
  const [t, tChanges, tDrafting] = await Promise.all([
    getTranslations("decisions"),
    getTranslations("changes.call"),
    getTranslations("drafting"),
  ]);
  const { call, revision, texts } = page;
  if (!revision || !texts || !call.clauseRef) return null;
  const proposedLabel = tChanges("proposed", { number: revision.number });
  const { adopted, working } = texts;
  const changes = adopted === null || clausesDiffer(adopted.clause, texts.proposed);
  // How the working text has moved on since the revision the call proposes.
  const movedOn = working !== null && clausesDiffer(texts.proposed, working);
  return (
    <>
      {(adopted && changes) || movedOn ? (
        <DiffViewLinks current={view} hrefOf={(next) => callPath(call.slug, call.number, next)} />
      ) : null}
      <div className="rounded-lg border border-line bg-white p-4">
        <h3 className="mb-2 font-semibold">
          <Link href={draftClausePath(call.slug, call.clauseRef)} className="underline">
            {t("proposedRevision", { number: revision.number, ref: call.clauseRef })}
          </Link>
          {" · "}
          {revision.title}
        </h3>
        <p className="mb-3">
          {adopted === null
            ? tChanges("neverAdopted", { ref: call.clauseRef })
            : tChanges(changes ? "against" : "sameAsAdopted", {
                number: adopted.number,
                call: adopted.call,
              })}
        </p>
        {changes ? (
          <ClauseChanges
            before={adopted?.clause ?? null}
            after={texts.proposed}
            view={view}
            labels={{
              before: adopted ? tChanges("adopted", { number: adopted.number }) : "",
              after: proposedLabel,
            }}
            headingLevel={4}
          />
        ) : null}
        <details className="mt-4 border-t border-line pt-3">
          <summary className="cursor-pointer font-medium">{tChanges("fullText")}</summary>
          {clauseFields.map((field) => (
            <div key={field} className="mt-3">
              <h4 className="text-sm font-medium text-muted">
                {tDrafting(`editor.fields.${field}`)}
              </h4>
              <RichText value={revision[field]} empty={tDrafting("emptyField")} />
            </div>
          ))}
        </details>
        {working && !movedOn ? <p className="mt-3 text-sm text-muted">{t("notMovedOn")}</p> : null}
      </div>
      {working && movedOn ? (
        <div className="mt-4 rounded-lg border border-line bg-white p-4">
          <h3 className="mb-2 font-semibold">
            {tChanges("movedOnTitle", { number: revision.number })}
          </h3>
          <p className="mb-3">{t("movedOn")}</p>
          <ClauseChanges
            before={texts.proposed}
            after={working}
            view={view}
            labels={{ before: proposedLabel, after: tChanges("working") }}
            headingLevel={4}
          />
        </div>
      ) : null}
    </>
  );
}

/** What a call decides: its description, and the release or clause revision it proposes. */
export async function CallSubject({ page, view }: { page: CallPage; view: DiffView }) {
  const t = await getTranslations("decisions");
  const { call } = page;
  // A call on a set of changes shows them in a section of their own.
  if (!call.description && !call.releaseId && !call.translationId && !page.revision) return null;
  return (
    <Section title={t("subject")}>
      {call.description ? <p className="mb-4 whitespace-pre-wrap">{call.description}</p> : null}
      <CharterSubject page={page} />
      {call.releaseId ? <Candidate candidateId={call.releaseId} slug={call.slug} /> : null}
      {call.translationId ? (
        <TranslationSubject translationId={call.translationId} slug={call.slug} />
      ) : null}
      <ProposedRevision page={page} view={view} />
    </Section>
  );
}
