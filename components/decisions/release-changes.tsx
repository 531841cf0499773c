import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { clauseHistoryPath, comparisonPath } from "@/lib/paths";
import type { Comparison } from "@/lib/releases/clause-diff";
import type { ReleaseClause } from "@/lib/releases/content";
import type { ReleaseTrace } from "@/lib/releases/schema";

type Kind = "added" | "changed" | "removed" | "moved";

/**
 * The clauses a release candidate adds, changes, removes or moves, each linked to its changes:
 * once published, the comparison of the two releases at that clause; before, the clause's history
 * comparing the revision the previous release holds with the one the candidate holds.
 */
export async function ReleaseChanges({
  slug,
  comparison,
  previous,
  candidate,
  published,
}: {
  slug: string;
  comparison: Comparison;
  previous: { version: string; trace: ReleaseTrace };
  candidate: { version: string; trace: ReleaseTrace };
  /** The version the candidate was published as, if it was. */
  published: string | null;
}) {
  const t = await getTranslations("changes.release");
  const rows: { kind: Kind; clause: ReleaseClause }[] = [
    ...comparison.added.map((clause) => ({ kind: "added" as const, clause })),
    ...comparison.changed.map((change) => ({ kind: "changed" as const, clause: change.to })),
    ...comparison.removed.map((clause) => ({ kind: "removed" as const, clause })),
    ...comparison.moved
      .filter((move) => !comparison.changed.some((change) => change.ref === move.clause.ref))
      .map((move) => ({ kind: "moved" as const, clause: move.clause })),
  ];
  const hrefOf = (kind: Kind, ref: string): string | null => {
    if (published) return comparisonPath(slug, previous.version, published, { ref });
    if (kind === "moved") return null;
    const from = previous.trace[ref]?.revision;
    const to = candidate.trace[ref]?.revision;
    return kind === "changed" && from !== undefined && to !== undefined
      ? clauseHistoryPath(slug, ref, { from, to })
      : clauseHistoryPath(slug, ref);
  };
  return (
    <div className="mt-4 border-t border-line pt-3">
      <h4 className="mb-1 font-semibold">{t("title", { version: previous.version })}</h4>
      {rows.length === 0 ? (
        <p className="text-sm text-muted">{t("nothing", { version: previous.version })}</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-muted">
            {published
              ? t("linksToComparison", { from: previous.version, to: published })
              : t("linksToHistory", { version: previous.version })}
          </p>
          <ul className="space-y-1">
            {rows.map(({ kind, clause }) => {
              const href = hrefOf(kind, clause.ref);
              const name = (
                <>
                  <span className="font-mono">{clause.ref}</span> {clause.title}
                </>
              );
              return (
                <li key={`${kind}-${clause.ref}`}>
                  <span className="inline-block min-w-20 text-sm font-medium">
                    {t(`kinds.${kind}`)}
                  </span>{" "}
                  {href ? (
                    <Link href={href} className="underline">
                      {name}
                    </Link>
                  ) : (
                    name
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
