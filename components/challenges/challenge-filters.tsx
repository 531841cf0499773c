import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import type { ChallengeSearch } from "@/lib/challenges/queries";
import { challengePhases } from "@/lib/challenges/rules";
import { challengesPath } from "@/lib/paths";

type Choice = { slug: string; name: string };

/** One GET form: it works without JavaScript, and each view of the log has its own address. */
export async function ChallengeFilters({
  filter,
  choices,
}: {
  filter: ChallengeSearch;
  choices: { standards: Choice[]; organisations: Choice[] };
}) {
  const t = await getTranslations("challenges");
  return (
    <form
      method="get"
      action={challengesPath()}
      className="mb-6 flex flex-wrap items-end gap-4 rounded-lg border border-line bg-white p-4"
      aria-label={t("log.filters")}
    >
      <FilterSelect
        id="state"
        label={t("log.state")}
        value={filter.state ?? ""}
        allLabel={t("log.all")}
        options={[
          { value: "open", label: t("log.open") },
          { value: "closed", label: t("log.closed") },
          ...challengePhases.map((phase) => ({ value: phase, label: t(`phases.${phase}`) })),
        ]}
      />
      <FilterSelect
        id="standard"
        label={t("log.standard")}
        value={filter.standard ?? ""}
        allLabel={t("log.all")}
        options={choices.standards.map((entry) => ({ value: entry.slug, label: entry.name }))}
      />
      <FilterSelect
        id="organisation"
        label={t("log.organisation")}
        value={filter.organisation ?? ""}
        allLabel={t("log.all")}
        options={choices.organisations.map((entry) => ({ value: entry.slug, label: entry.name }))}
      />
      <button type="submit" className={buttonClass("primary")}>
        {t("log.apply")}
      </button>
      {filter.state || filter.standard || filter.organisation ? (
        <Link href={challengesPath()} className="py-2 text-sm">
          {t("log.clear")}
        </Link>
      ) : null}
    </form>
  );
}
