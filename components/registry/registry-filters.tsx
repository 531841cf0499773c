import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { registryPath } from "@/lib/paths";
import { type RegistrySearch, registryStates } from "@/lib/registry/queries";

export type RegistryChoices = {
  standards: { slug: string; name: string }[];
  releases: string[];
  modules: { code: string; name: string }[];
  levels: string[];
  countries: string[];
};

/** One GET form: it works without JavaScript, and each search has its own address. */
export async function RegistryFilters({
  filter,
  choices,
}: {
  filter: RegistrySearch;
  choices: RegistryChoices;
}) {
  const [t, locale] = await Promise.all([getTranslations("registry.list"), getLocale()]);
  const regions = new Intl.DisplayNames([locale], { type: "region" });
  const countryName = (code: string) => {
    try {
      return regions.of(code) ?? code;
    } catch {
      return code;
    }
  };
  return (
    <form
      method="get"
      action={registryPath()}
      className="mb-6 rounded-lg border border-line bg-white p-4"
      aria-label={t("filters")}
    >
      <label htmlFor="q" className="block text-sm font-medium">
        {t("search")}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={filter.q ?? ""}
          maxLength={100}
          className="min-w-0 flex-1 rounded-md border border-line bg-white px-3 py-2"
        />
        <button type="submit" className={buttonClass("primary")}>
          {t("apply")}
        </button>
      </div>
      <div className="mt-4 flex flex-wrap items-end gap-4">
        <FilterSelect
          id="standard"
          label={t("standard")}
          value={filter.standard ?? ""}
          allLabel={t("all")}
          options={choices.standards.map((entry) => ({ value: entry.slug, label: entry.name }))}
        />
        <FilterSelect
          id="release"
          label={t("release")}
          value={filter.release ?? ""}
          allLabel={t("all")}
          options={choices.releases.map((version) => ({ value: version, label: version }))}
        />
        <FilterSelect
          id="level"
          label={t("level")}
          value={filter.level ?? ""}
          allLabel={t("all")}
          options={choices.levels.map((level) => ({ value: level, label: level }))}
        />
        <FilterSelect
          id="module"
          label={t("module")}
          value={filter.module ?? ""}
          allLabel={t("all")}
          options={choices.modules.map((entry) => ({ value: entry.code, label: entry.name }))}
        />
        <FilterSelect
          id="country"
          label={t("country")}
          value={filter.country ?? ""}
          allLabel={t("all")}
          options={choices.countries.map((code) => ({ value: code, label: countryName(code) }))}
        />
        <div>
          <label htmlFor="state" className="block text-sm font-medium">
            {t("state")}
          </label>
          <select
            id="state"
            name="state"
            defaultValue={filter.state ?? ""}
            className="mt-1 rounded-md border border-line bg-white px-3 py-2"
          >
            <option value="">{t("states.listed")}</option>
            {registryStates
              .filter((state) => state !== "listed")
              .map((state) => (
                <option key={state} value={state}>
                  {t(`states.${state}`)}
                </option>
              ))}
            <option value="all">{t("allStates")}</option>
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("applyFilters")}
        </button>
        <Link href={registryPath()} className="self-center text-sm underline">
          {t("clear")}
        </Link>
      </div>
    </form>
  );
}
