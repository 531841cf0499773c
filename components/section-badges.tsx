import { getTranslations } from "next-intl/server";
import type { DraftStatus } from "@/components/clause-badges";
import type { SectionKind } from "@/lib/drafting/sections-rules";

const statusTone = {
  retired: "bg-stone-200 text-ink",
  adopted: "bg-green-50 text-ok",
  changed: "bg-amber-50 text-amber-900",
  never: "border border-dashed border-stone-400 text-muted",
} as const;

/** A section's kind and, in the working draft, where it stands against its adopted text. */
export async function SectionBadges({
  kind,
  status,
}: {
  kind: SectionKind;
  status: DraftStatus | null;
}) {
  const t = await getTranslations("drafting");
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-xs font-medium">
      <span className="rounded border border-line px-2 py-0.5">{t(`sections.kinds.${kind}`)}</span>
      {status ? (
        <span className={`rounded px-2 py-0.5 ${statusTone[status]}`}>{t(`status.${status}`)}</span>
      ) : null}
    </span>
  );
}
