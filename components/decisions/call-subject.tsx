import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Redline } from "@/components/redline";
import { RichText } from "@/components/rich-text";
import { Section } from "@/components/ui/page";
import { getDb } from "@/lib/db/client";
import type { CallPage } from "@/lib/decisions/call-page";
import { diffWords, hasChanges } from "@/lib/drafting/diff";
import { clauseFields } from "@/lib/drafting/rich-text";
import { draftClausePath, releasePath } from "@/lib/paths";
import { compareReleases } from "@/lib/releases/compare";
import { getCandidate, getRelease, releaseOfCandidate } from "@/lib/releases/queries";
import { isLaterVersion } from "@/lib/releases/versions";

/** The release a call would publish, and what it changes from the release before it. */
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
            <Link href={releasePath(slug, published)} className="underline">
              {t("candidate.published", { version: published })}
            </Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/** What a call decides: its description, and the release or clause revision it proposes. */
export async function CallSubject({ page }: { page: CallPage }) {
  const [t, tDrafting] = await Promise.all([
    getTranslations("decisions"),
    getTranslations("drafting"),
  ]);
  const { call, revision } = page;
  // How the working text has moved on since the revision the call proposes.
  const movedOn =
    revision && page.workingText !== null ? diffWords(revision.plainText, page.workingText) : null;
  return (
    <Section title={t("subject")}>
      {call.description ? <p className="mb-4 whitespace-pre-wrap">{call.description}</p> : null}
      {call.releaseId ? <Candidate candidateId={call.releaseId} slug={call.slug} /> : null}
      {revision && call.clauseRef ? (
        <div className="rounded-lg border border-line bg-white p-4">
          <h3 className="mb-2 font-semibold">
            <Link href={draftClausePath(call.slug, call.clauseRef)} className="underline">
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
          {movedOn ? (
            hasChanges(movedOn) ? (
              <div className="mt-4 border-t border-line pt-3">
                <p className="mb-2 text-sm font-medium">{t("movedOn")}</p>
                <Redline parts={movedOn} />
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
