import { getTranslations } from "next-intl/server";
import type { CallPage } from "@/lib/decisions/call-page";

/** What a charter call would put in force, beside the numbers in force when it opened. */
export async function CharterSubject({ page }: { page: CallPage }) {
  const { call } = page;
  if (call.kind !== "charter" || !call.proposedCharter) return null;
  const t = await getTranslations("decisions.charter");
  const rows = ["commentPeriodDays", "quorum", "agDeadlineDays", "appealWindowDays"] as const;
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
          const before = call.charter[row];
          const after = call.proposedCharter?.[row];
          return (
            <tr key={row} className="border-b border-line last:border-0">
              <th className="p-2 text-left font-normal" scope="row">
                {t(row)}
              </th>
              <td className="p-2">{before}</td>
              <td className={`p-2 ${before !== after ? "font-semibold" : ""}`}>{after}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
