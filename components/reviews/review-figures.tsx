import { getFormatter, getTranslations } from "next-intl/server";
import type { ReviewFigures } from "@/lib/reviews/review-queries";

/** The period's figures from Hum's own record, as one captioned table. */
export async function ReviewFiguresTable({
  figures,
  standard,
  start,
  end,
}: {
  figures: ReviewFigures;
  standard: string;
  start: Date;
  end: Date;
}) {
  const [t, tTerms, format] = await Promise.all([
    getTranslations("reviews"),
    getTranslations("transparency.terms"),
    getFormatter(),
  ]);
  const day = (at: Date) => format.dateTime(at, { dateStyle: "long", timeZone: "UTC" });
  const phase = (value: string) =>
    tTerms.has(`phases.${value}` as never) ? tTerms(`phases.${value}` as never) : value;
  const rows: [string, number][] = [
    [t("figures.listed"), figures.declarations.listed],
    ...figures.declarations.listedByLevel.map(
      (row) => [t("figures.listedAtLevel", { level: row.level }), row.count] as [string, number],
    ),
    [t("figures.lapsed"), figures.declarations.lapsed],
    [t("figures.struckOff"), figures.declarations.struckOff],
    [t("figures.withdrawn"), figures.declarations.withdrawn],
    [t("figures.challengesFiled"), figures.challenges.filed],
    ...figures.challenges.decided.map(
      (row) =>
        [t("figures.challengesDecided", { outcome: phase(row.outcome) }), row.count] as [
          string,
          number,
        ],
    ),
    [t("figures.callsOpened"), figures.calls.opened],
    ...figures.calls.decided.map(
      (row) =>
        [t("figures.callsDecided", { outcome: phase(row.outcome) }), row.count] as [string, number],
    ),
    [t("figures.callsEscalated"), figures.calls.escalated],
    [t("figures.callsAppealed"), figures.calls.appealed],
    [t("figures.participantsActive"), figures.participantsActive],
    [t("figures.evidenceBroken"), figures.evidence.brokenNow],
    [t("figures.evidenceBrokeInPeriod"), figures.evidence.brokeInPeriod],
  ];
  return (
    <table className="w-full max-w-2xl border-collapse text-sm">
      <caption className="mb-2 text-left text-muted">
        {t("figuresCaption", { standard, start: day(start), end: day(end) })}
      </caption>
      <thead>
        <tr className="border-b border-line text-left">
          <th scope="col" className="py-2 pr-4">
            {t("figure")}
          </th>
          <th scope="col" className="py-2 text-right">
            {t("value")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label} className="border-b border-line">
            <th scope="row" className="py-2 pr-4 text-left font-normal">
              {label}
            </th>
            <td className="py-2 text-right tabular-nums">{format.number(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
