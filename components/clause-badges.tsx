import { getTranslations } from "next-intl/server";

const strengthTone = {
  MUST: "bg-accent text-white",
  SHOULD: "bg-accent-soft text-accent",
  MAY: "border border-line text-muted",
} as const;

/** Strength, level and drafting status of a clause, as short labels; releases show no status. */
export async function ClauseBadges({
  strength,
  level,
  retired,
}: {
  strength: keyof typeof strengthTone;
  level: string | null;
  retired: boolean | null;
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
      {retired ? (
        <span className="rounded bg-stone-200 px-2 py-0.5 text-ink">{t("status.retired")}</span>
      ) : retired === false ? (
        <span className="rounded bg-green-50 px-2 py-0.5 text-ok">{t("status.draft")}</span>
      ) : null}
    </span>
  );
}
