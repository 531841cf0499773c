import { getTranslations } from "next-intl/server";
import type { CallPage } from "@/lib/decisions/call-page";
import { charterWithDefaults } from "@/lib/decisions/rules";

/** What a charter call would put in force, beside the numbers in force when it opened. */
export async function CharterSubject({ page }: { page: CallPage }) {
  const { call } = page;
  if (call.kind !== "charter" || !call.proposedCharter) return null;
  const t = await getTranslations("decisions.charter");
  const rows = [
    "commentPeriodDays",
    "quorum",
    "agDeadlineDays",
    "appealWindowDays",
    "listingTermMonths",
    "transitionDays",
    "declarationReview",
    "challengeResponseDays",
    "challengeOnBadge",
    "relistingBanDays",
  ] as const;
  // Copies taken before the mark's terms existed lack them: they were the defaults then.
  const opened = charterWithDefaults(call.charter);
  const proposed = charterWithDefaults({ ...opened, ...call.proposedCharter });
  const shown = (value: string | number | boolean) => {
    if (typeof value === "boolean") return t(value ? "onBadge.yes" : "onBadge.no");
    return value === "none" || value === "all" ? t(`review.${value}`) : value;
  };
  return (
    <table className="mb-4 w-full max-w-2xl border border-line bg-white text-sm">
      <thead>
        <tr className="border-b border-line text-left">
          <th className="p-2" scope="col">
            <span className="sr-only">{t("number")}</span>
          </th>
          <th className="p-2" scope="col">
            {t("whenOpened")}
          </th>
          <th className="p-2" scope="col">
            {t("proposedNumbers")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const before = opened[row];
          const after = proposed[row];
          return (
            <tr key={row} className="border-b border-line last:border-0">
              <th className="p-2 text-left font-normal" scope="row">
                {t(row)}
              </th>
              <td className="p-2">{shown(before)}</td>
              <td className={`p-2 ${before !== after ? "font-semibold" : ""}`}>{shown(after)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
