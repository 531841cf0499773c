import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CallDeadline } from "@/components/decisions/call-deadline";
import { PersonName, withPeople } from "@/components/person-name";
import type { CallSummary } from "@/lib/decisions/queries";
import { isFinal } from "@/lib/decisions/rules";
import { callPath } from "@/lib/paths";

export async function PhaseBadge({ phase }: { phase: CallSummary["phase"] }) {
  const t = await getTranslations("decisions.phases");
  const tone = isFinal(phase)
    ? phase === "adopted"
      ? "bg-green-50 text-ok border-green-300"
      : "bg-stone-100 text-ink border-line"
    : "bg-accent-soft text-ink border-indigo-200";
  return <span className={`rounded border px-2 py-0.5 text-sm ${tone}`}>{t(phase)}</span>;
}

/** A list of calls with their state and deadline; `extra` adds a line per call. */
export async function CallList<Call extends CallSummary>({
  calls,
  empty,
  extra,
}: {
  calls: Call[];
  empty: string;
  extra?: (call: Call) => React.ReactNode;
}) {
  const [t, format] = await Promise.all([getTranslations("decisions"), getFormatter()]);
  if (calls.length === 0) return <p className="text-muted">{empty}</p>;
  return (
    <ol className="divide-y divide-line rounded-lg border border-line bg-white">
      {calls.map((call) => (
        <li key={call.id} className="p-3">
          <p className="flex flex-wrap items-baseline justify-between gap-2">
            <Link href={callPath(call.slug, call.number)} className="font-medium">
              {t("callTitle", { number: call.number, title: call.title })}
            </Link>
            <PhaseBadge phase={call.phase} />
          </p>
          <p className="text-sm text-muted">
            {t(`kinds.${call.kind}`)}
            {call.clauseRef ? ` · ${call.clauseRef}` : null}
            {"changeCount" in call && call.kind === "changes"
              ? ` · ${t("lastCall.changeCount", { count: Number(call.changeCount) })}`
              : null}{" "}
            ·{" "}
            {withPeople(
              (people) =>
                t("openedBy", {
                  ...people,
                  date: format.dateTime(call.openedAt, { dateStyle: "medium" }),
                }),
              { name: <PersonName name={call.proposer} badges={call.proposerBadges} /> },
            )}
          </p>
          <p className="text-sm">
            <CallDeadline call={call} />
          </p>
          {extra ? extra(call) : null}
        </li>
      ))}
    </ol>
  );
}
