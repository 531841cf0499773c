import { getLocale, getTranslations } from "next-intl/server";
import { ResultChart, type ResultChartWords } from "@/components/reviews/result-chart";
import type {
  MatrixResult,
  OrderingResult,
  QuestionResult,
  TextResult,
} from "@/lib/reviews/results";

/*
 * A survey's results, question by question, rendered on the server: a chart and its table for
 * choices and scales, tables for matrices and orderings, and for free text only the answers the
 * secretariat marked publishable (the results never carry any other).
 */

type Translate = Awaited<ReturnType<typeof getTranslations<"surveyAnswers.results">>>;

function Texts({ texts, title, t }: { texts: string[]; title: string; t: Translate }) {
  return (
    <div className="mt-3">
      <h3 className="text-sm font-medium">{title}</h3>
      {texts.length === 0 ? (
        <p className="mt-1 text-sm text-muted">{t("noTexts")}</p>
      ) : (
        <ul className="mt-1 space-y-2">
          {texts.map((text, i) => (
            // Published answers are fixed once shown; their order is the responses' order.
            // biome-ignore lint/suspicious/noArrayIndexKey: two answers may say the same thing
            <li key={i} className="whitespace-pre-line border-l-2 border-line pl-3 text-sm">
              {text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function TextAnswers({ result, t }: { result: TextResult; t: Translate }) {
  return (
    <>
      <p className="text-sm">
        {t("answeredOf", { answered: result.answered, total: result.total })}
      </p>
      <Texts texts={result.texts} title={t("texts")} t={t} />
    </>
  );
}

function MatrixTable({
  result,
  t,
  number,
  percent,
}: {
  result: MatrixResult;
  t: Translate;
  number: Intl.NumberFormat;
  percent: Intl.NumberFormat;
}) {
  const values = result.rows[0]?.distribution.map(({ value }) => value) ?? [];
  const end = (i: number) =>
    i === 0 ? ` (${result.lowLabel})` : i === values.length - 1 ? ` (${result.highLabel})` : "";
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="mb-2 text-left font-medium">{result.prompt}</caption>
        <thead className="border-b border-line">
          <tr>
            <th scope="col" className="py-1 pr-3">
              {t("row")}
            </th>
            {values.map((value, i) => (
              <th key={value} scope="col" className="py-1 pr-3 text-right">
                {value}
                {end(i)}
              </th>
            ))}
            <th scope="col" className="py-1 pr-3 text-right">
              {t("mean")}
            </th>
            <th scope="col" className="py-1 text-right">
              {t("answered")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {result.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className="py-1 pr-3 font-normal">
                {row.label}
              </th>
              {row.distribution.map((share) => (
                <td key={share.value} className="py-1 pr-3 text-right tabular-nums">
                  {number.format(share.count)} ({percent.format(share.percent / 100)})
                </td>
              ))}
              <td className="py-1 pr-3 text-right tabular-nums">
                {row.mean === null ? "–" : number.format(row.mean)}
              </td>
              <td className="py-1 text-right tabular-nums">{number.format(row.answered)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OrderingTable({
  result,
  t,
  number,
}: {
  result: OrderingResult;
  t: Translate;
  number: Intl.NumberFormat;
}) {
  return (
    <>
      <p className="mb-2 text-sm text-muted">{t("orderingLead")}</p>
      <table className="w-full max-w-xl text-left text-sm">
        <caption className="mb-2 text-left font-medium">{result.prompt}</caption>
        <thead className="border-b border-line">
          <tr>
            <th scope="col" className="py-1 pr-3">
              {t("item")}
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              {t("averageRank")}
            </th>
            <th scope="col" className="py-1 text-right">
              {t("rankedBy")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {result.options.map((option) => (
            <tr key={option.key}>
              <th scope="row" className="py-1 pr-3 font-normal">
                {option.label}
              </th>
              <td className="py-1 pr-3 text-right tabular-nums">
                {option.averageRank === null ? "–" : number.format(option.averageRank)}
              </td>
              <td className="py-1 text-right tabular-nums">{number.format(option.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Every question's result, numbered as the survey numbers its questions. */
export async function SurveyResults({ results }: { results: QuestionResult[] }) {
  const [t, locale] = await Promise.all([getTranslations("surveyAnswers.results"), getLocale()]);
  const tq = await getTranslations("surveyAnswers");
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const words = (title: string, scale: boolean): ResultChartWords => ({
    title,
    option: scale ? t("value") : t("option"),
    count: t("count"),
    percent: t("percent"),
    answered: t("answered"),
    mean: t("mean"),
    other: t("other"),
  });
  const body = (result: QuestionResult) => {
    switch (result.kind) {
      case "short_text":
      case "long_text":
        return <TextAnswers result={result} t={t} />;
      case "matrix":
        return <MatrixTable result={result} t={t} number={number} percent={percent} />;
      case "ordering":
        return <OrderingTable result={result} t={t} number={number} />;
      case "scale":
        return <ResultChart result={result} words={words(result.prompt, true)} locale={locale} />;
      case "single_choice":
      case "multiple_choice":
        return (
          <>
            <ResultChart result={result} words={words(result.prompt, false)} locale={locale} />
            {result.other && result.other.count > 0 ? (
              <Texts texts={result.other.texts} title={t("otherTexts")} t={t} />
            ) : null}
          </>
        );
    }
  };
  return (
    <ol className="space-y-10">
      {results.map((result, index) => (
        <li key={result.questionId} id={`result-${result.questionId}`}>
          <h2 className="mb-3 text-lg font-semibold">
            <span className="block text-sm font-normal text-muted">
              {tq("questionNumber", { number: index + 1 })}
            </span>
            {result.prompt}
          </h2>
          {body(result)}
        </li>
      ))}
    </ol>
  );
}
