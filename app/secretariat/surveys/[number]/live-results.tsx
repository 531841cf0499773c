import { getTranslations } from "next-intl/server";
import { ResultChart, type ResultChartWords } from "@/components/reviews/result-chart";
import type { Question } from "@/lib/reviews/questions";
import type { QuestionResult } from "@/lib/reviews/results";
import type { FreeText } from "@/lib/reviews/survey-queries";
import { TextToggle } from "../forms";

/*
 * The live results the secretariat sees while a survey runs: the same charts and tables the
 * public gets once they are published, and every free-text answer with the switch that lets it
 * be shown (public pages show only those switched on).
 */

type Props = {
  questions: Question[];
  results: QuestionResult[];
  texts: Map<string, FreeText[]>;
  locale: string;
};

export async function LiveResults({ questions, results, texts, locale }: Props) {
  const t = await getTranslations("surveys.results");
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return (
    <div className="space-y-10">
      {results.map((result, index) => {
        const question = questions[index];
        if (!question) return null;
        const words: ResultChartWords = {
          title: result.prompt,
          option: result.kind === "scale" ? t("value") : t("option"),
          count: t("count"),
          percent: t("percent"),
          answered: t("answered"),
          mean: t("mean"),
          other: t("other"),
        };
        const written = texts.get(question.id) ?? [];
        return (
          <section key={question.id} aria-labelledby={`result-${question.id}`}>
            <h3 id={`result-${question.id}`} className="mb-2 text-lg font-semibold">
              {index + 1}. {result.prompt}
            </h3>
            <p className="mb-3 text-sm text-muted">
              {t("answeredOf", { answered: result.answered, total: result.total })}
            </p>
            {result.kind === "single_choice" ||
            result.kind === "multiple_choice" ||
            result.kind === "scale" ? (
              <ResultChart result={result} words={words} locale={locale} />
            ) : null}
            {result.kind === "matrix" ? (
              <table className="text-sm">
                <caption className="sr-only">{result.prompt}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="pr-4 text-left">
                      {t("row")}
                    </th>
                    <th scope="col" className="pr-4 text-right">
                      {t("count")}
                    </th>
                    <th scope="col" className="text-right">
                      {t("mean")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((row) => (
                    <tr key={row.key}>
                      <th scope="row" className="pr-4 text-left font-normal">
                        {row.label}
                      </th>
                      <td className="pr-4 text-right">{row.answered}</td>
                      <td className="text-right">
                        {row.mean === null ? "–" : number.format(row.mean)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {result.kind === "ordering" ? (
              <table className="text-sm">
                <caption className="sr-only">{result.prompt}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="pr-4 text-left">
                      {t("option")}
                    </th>
                    <th scope="col" className="pr-4 text-right">
                      {t("count")}
                    </th>
                    <th scope="col" className="text-right">
                      {t("averageRank")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.options.map((option) => (
                    <tr key={option.key}>
                      <th scope="row" className="pr-4 text-left font-normal">
                        {option.label}
                      </th>
                      <td className="pr-4 text-right">{option.count}</td>
                      <td className="text-right">
                        {option.averageRank === null ? "–" : number.format(option.averageRank)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {written.length > 0 ? (
              <div className="mt-4">
                <h4 className="mb-2 font-medium">{t("written")}</h4>
                <ol className="space-y-3">
                  {written.map((text, position) => (
                    <li key={text.responseId} className="rounded-md border border-line p-3">
                      <p className="whitespace-pre-wrap">{text.text}</p>
                      <p className="mt-1 text-sm text-muted">
                        {text.other ? `${t("otherEntry")} · ` : ""}
                        {text.publishable ? t("shown") : t("held")}
                      </p>
                      <TextToggle
                        responseId={text.responseId}
                        questionId={question.id}
                        publishable={text.publishable}
                        position={position + 1}
                      />
                    </li>
                  ))}
                </ol>
              </div>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
