import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { frameworkLabel } from "@/components/frameworks/mapping-list";
import { crosswalkPath, releasePath } from "@/lib/paths";
import type { ReleaseFramework } from "@/lib/releases/content";

export type MappingFilterValue = { framework: string; provision: string };

/**
 * "Which clauses map to ETSI 5.3?": a plain GET form, so it works without JavaScript and its
 * result is an address to share. The level chosen, if any, stays chosen.
 */
export async function MappingFilter({
  slug,
  version,
  frameworks,
  level,
  value,
}: {
  slug: string;
  version: string;
  frameworks: readonly ReleaseFramework[];
  level: string | null;
  value: MappingFilterValue | null;
}) {
  const t = await getTranslations("frameworks");
  return (
    <form
      method="get"
      action={releasePath(slug, version)}
      aria-label={t("filter")}
      className="no-print mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-3 text-sm"
    >
      {level ? <input type="hidden" name="level" value={level} /> : null}
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("filterFramework")}</span>
        <select
          name="framework"
          defaultValue={value?.framework ?? frameworks[0]?.key}
          className="rounded border border-line px-2 py-1"
        >
          {frameworks.map((framework) => (
            <option key={framework.key} value={framework.key}>
              {frameworkLabel(framework, framework.key)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("filterProvision")}</span>
        <input
          name="provision"
          defaultValue={value?.provision ?? ""}
          maxLength={60}
          placeholder="5.3"
          className="w-32 rounded border border-line px-2 py-1"
        />
      </label>
      <button type="submit" className="rounded bg-accent px-3 py-1.5 font-medium text-white">
        {t("filterApply")}
      </button>
      {value ? (
        <Link href={releasePath(slug, version, level ?? undefined)}>{t("filterClear")}</Link>
      ) : null}
      <Link href={crosswalkPath(slug, version)} className="ml-auto">
        {t("crosswalk")}
      </Link>
    </form>
  );
}
