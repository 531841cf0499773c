import { getTranslations } from "next-intl/server";
import type { Adoption } from "@/lib/drafting/queries";

const strengthTone = {
  MUST: "bg-accent text-white",
  SHOULD: "bg-accent-soft text-accent",
  MAY: "border border-line text-muted",
} as const;

const statusTone = {
  retired: "bg-stone-200 text-ink",
  adopted: "bg-green-50 text-ok",
  changed: "bg-amber-50 text-amber-900",
  never: "border border-dashed border-stone-400 text-muted",
} as const;

export type DraftStatus = "retired" | Adoption;

/**
 * Strength, level and, in the working draft, where the clause stands: retired, or adopted as it
 * is, changed since its adoption, never adopted. A release shows no status (null).
 */
export async function ClauseBadges({
  strength,
  level,
  status,
}: {
  strength: keyof typeof strengthTone;
  level: string | null;
  status: DraftStatus | null;
}) {
  const t = await getTranslations("drafting");
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-xs font-medium">
      <span className={`rounded px-2 py-0.5 tracking-wide ${strengthTone[strength]}`}>
        {strength}
      </span>
      <span className="rounded border border-line px-2 py-0.5">
        {level ?? t("recommendedOnly")}
      </span>
      {status ? (
        <span className={`rounded px-2 py-0.5 ${statusTone[status]}`}>{t(`status.${status}`)}</span>
      ) : null}
    </span>
  );
}
