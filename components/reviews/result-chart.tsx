import { useId } from "react";
import { type ChoiceResult, percentOf, type ScaleResult } from "@/lib/reviews/results";

/*
 * One question's figures, twice: a bar chart drawn as inline SVG, so a results page needs no
 * JavaScript and no image request, and beside it a table of the same numbers, which is what a
 * screen reader, a reader without CSS and anyone copying the figures actually use. The chart is
 * one image to assistive technology (role="img", named by its <title>, described by its <desc>),
 * so its many small text labels are not read out one by one.
 *
 * Every word comes through props, already translated, since the caller knows the reader's
 * language; the option labels are the survey's own.
 */

/** The words the chart and its table need, in the reader's language. */
export type ResultChartWords = {
  /** The question: the chart's name and the table's caption. */
  title: string;
  /** The head of the first column: "Option", or "Value" for a scale. */
  option: string;
  /** The head of the counts: "Responses". */
  count: string;
  /** The head of the percentages: "Percent". */
  percent: string;
  /** The row of how many answered, out of all responses: "Answered". */
  answered: string;
  /** A scale's mean: "Mean". */
  mean: string;
  /** The bar of answers written by respondents: "Other". */
  other: string;
};

export type ResultChartProps = {
  result: ChoiceResult | ScaleResult;
  words: ResultChartWords;
  /** The reader's locale, for numbers: "33.3 %" in French, "33.3%" in English. */
  locale: string;
};

type Bar = { key: string; label: string; count: number; percent: number };

/** The bars a result draws: a choice's options (and "other"), or a scale's five values. */
export function chartBars(result: ChoiceResult | ScaleResult, otherLabel: string): Bar[] {
  if (result.kind === "scale") {
    const last = result.distribution.length - 1;
    return result.distribution.map((share, i) => {
      const end = i === 0 ? result.lowLabel : i === last ? result.highLabel : "";
      const label = end ? `${share.value} (${end})` : String(share.value);
      return { key: `value:${share.value}`, label, count: share.count, percent: share.percent };
    });
  }
  // Keys are prefixed so that no option, whatever its key, can share one with "other".
  const bars = result.options.map(({ key, label, count, percent }) => ({
    key: `option:${key}`,
    label,
    count,
    percent,
  }));
  if (result.other)
    bars.push({
      key: "other",
      label: otherLabel,
      count: result.other.count,
      percent: result.other.percent,
    });
  return bars;
}

// The drawing's own units; the SVG scales to its container's width (viewBox, width 100%), so the
// text grows and shrinks with the bars and stays readable on a phone. Each label sits above its
// bar rather than beside it, to leave the bars the whole width of a narrow screen.
const WIDTH = 320;
const TRACK = 250;
const ROW = 40;
const LABEL_BASELINE = 14;
const BAR_TOP = 20;
const BAR_HEIGHT = 14;
const FONT = 12;
/** About as many characters as fit across at FONT; the table holds the whole label. */
const LABEL_CHARACTERS = 48;

function shortened(label: string): string {
  const characters = Array.from(label);
  return characters.length <= LABEL_CHARACTERS
    ? label
    : `${characters.slice(0, LABEL_CHARACTERS - 1).join("")}…`;
}

export function ResultChart({ result, words, locale }: ResultChartProps) {
  const id = useId();
  const bars = chartBars(result, words.other);
  const count = new Intl.NumberFormat(locale);
  const share = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const percent = (value: number) => share.format(value / 100);
  const mean =
    result.kind === "scale" && result.mean !== null
      ? new Intl.NumberFormat(locale, {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        }).format(result.mean)
      : null;
  // The description repeats the figures in one line, for those who meet the chart alone.
  const description = [
    ...bars.map((bar) => `${bar.label}: ${count.format(bar.count)} (${percent(bar.percent)})`),
    `${words.answered}: ${count.format(result.answered)}`,
    ...(mean === null ? [] : [`${words.mean}: ${mean}`]),
  ].join("; ");
  const height = bars.length * ROW + 4;

  return (
    <div className="grid items-start gap-4 sm:grid-cols-2">
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        className="max-w-xl"
      >
        <title id={`${id}-title`}>{words.title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((bar, i) => {
          const top = i * ROW;
          return (
            <g key={bar.key}>
              <text x={0} y={top + LABEL_BASELINE} fontSize={FONT} className="fill-ink">
                {shortened(bar.label)}
              </text>
              {/* The track shows only with the stylesheet; without it the bar alone is drawn. */}
              <rect
                x={0}
                y={top + BAR_TOP}
                width={TRACK}
                height={BAR_HEIGHT}
                fill="none"
                className="fill-accent-soft"
              />
              <rect
                x={0}
                y={top + BAR_TOP}
                width={(TRACK * bar.percent) / 100}
                height={BAR_HEIGHT}
                className="fill-accent"
              />
              <text
                x={TRACK + 6}
                y={top + BAR_TOP + BAR_HEIGHT - 2}
                fontSize={FONT}
                className="fill-ink"
              >
                {percent(bar.percent)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="w-full text-left text-sm">
        <caption className="mb-2 text-left font-medium">{words.title}</caption>
        <thead className="border-b border-line">
          <tr>
            <th scope="col" className="py-1 pr-3">
              {words.option}
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              {words.count}
            </th>
            <th scope="col" className="py-1 text-right">
              {words.percent}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {bars.map((bar) => (
            <tr key={bar.key}>
              <th scope="row" className="py-1 pr-3 font-normal">
                {bar.label}
              </th>
              <td className="py-1 pr-3 text-right tabular-nums">{count.format(bar.count)}</td>
              <td className="py-1 text-right tabular-nums">{percent(bar.percent)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-line">
          <tr>
            <th scope="row" className="py-1 pr-3">
              {words.answered}
            </th>
            <td className="py-1 pr-3 text-right tabular-nums">{count.format(result.answered)}</td>
            <td className="py-1 text-right tabular-nums">
              {percent(percentOf(result.answered, result.total))}
            </td>
          </tr>
          {mean === null ? null : (
            <tr>
              <th scope="row" className="py-1 pr-3">
                {words.mean}
              </th>
              <td colSpan={2} className="py-1 text-right tabular-nums">
                {mean}
              </td>
            </tr>
          )}
        </tfoot>
      </table>
    </div>
  );
}
