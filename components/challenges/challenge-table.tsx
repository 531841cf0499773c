import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ChallengeListRow } from "@/lib/challenges/queries";
import { challengePath, declarationPath, organisationPath } from "@/lib/paths";

/** The log's rows: what is challenged, by which kind of filing, and where it stands. */
export async function ChallengeTable({ rows }: { rows: ChallengeListRow[] }) {
  const [t, format] = await Promise.all([getTranslations("challenges"), getFormatter()]);
  const day = (at: Date) => format.dateTime(at, { dateStyle: "medium" });
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-line bg-stone-50">
          <tr>
            <th scope="col" className="p-3">
              {t("log.number")}
            </th>
            <th scope="col" className="p-3">
              {t("log.subject")}
            </th>
            <th scope="col" className="p-3">
              {t("log.standard")}
            </th>
            <th scope="col" className="p-3">
              {t("log.clauses")}
            </th>
            <th scope="col" className="p-3">
              {t("log.state")}
            </th>
            <th scope="col" className="p-3">
              {t("log.filed")}
            </th>
            <th scope="col" className="p-3">
              {t("log.decided")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((row) => (
            <tr key={row.number}>
              <td className="p-3 whitespace-nowrap">
                <Link href={challengePath(row.number)} className="font-medium">
                  {t(`kindNumber.${row.kind}`, { number: row.number })}
                </Link>
              </td>
              <td className="p-3">
                {row.declaration ? (
                  <>
                    <Link href={declarationPath(row.declaration.number)}>
                      {row.declaration.product ??
                        t("declarationNumber", { number: row.declaration.number })}
                    </Link>
                    {row.organisation ? (
                      <>
                        {" · "}
                        <Link href={organisationPath(row.organisation.slug)}>
                          {row.organisation.name}
                        </Link>
                      </>
                    ) : null}
                  </>
                ) : (
                  t("log.misuseOf", { name: row.subjectName ?? "" })
                )}
              </td>
              <td className="p-3">{row.standard.name}</td>
              <td className="p-3">
                {row.kind === "misuse_report"
                  ? "—"
                  : row.clauses.length === 0
                    ? t("wholeClaim")
                    : row.clauses.join(", ")}
              </td>
              <td className="p-3">{t(`phases.${row.phase}`)}</td>
              <td className="p-3 whitespace-nowrap">{day(row.filedAt)}</td>
              <td className="p-3 whitespace-nowrap">{row.decidedAt ? day(row.decidedAt) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
