import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { type Question, SCALE_MAX, SCALE_MIN } from "@/lib/reviews/questions";
import { OTHER } from "@/lib/reviews/survey-schema";

/*
 * One question of a survey as plain HTML inputs, named as lib/reviews/survey-form.ts reads them,
 * so the form works without JavaScript. `sent` gives a field's values as last sent (after a
 * refusal), which become the inputs' defaults: a whole new page keeps what was typed.
 */

const SCALE = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => SCALE_MIN + i);
const input = "rounded-md border border-line bg-white px-3 py-2 text-base text-ink";

export type QuestionProps = {
  question: Question;
  /** Its place in the survey, from 1: conditions name questions by it. */
  number: number;
  /** "Answer this only if…", for a question shown on a condition. */
  note: string | null;
  error: string | undefined;
  sent: (name: string) => string[];
};

/** The question's words: its number and prompt, "required", its help, its condition. */
function Heading({ question, number, note }: Omit<QuestionProps, "error" | "sent">) {
  const t = useTranslations("surveyAnswers");
  return (
    <>
      <span className="block text-sm text-muted">{t("questionNumber", { number })}</span>
      <span className="font-medium">{question.prompt}</span>
      {question.required ? (
        <span className="ml-2 text-sm text-muted">({t("required")})</span>
      ) : null}
      {note ? <span className="mt-1 block text-sm italic text-muted">{note}</span> : null}
    </>
  );
}

function describedBy(id: string, question: Question, error: string | undefined) {
  const ids = [question.help ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Extra({ id, help, error }: { id: string; help?: string; error?: string }) {
  return (
    <>
      {help ? (
        <p id={`${id}-help`} className="mt-1 text-sm text-muted">
          {help}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A group of inputs under one legend: choices, a scale, a matrix, an ordering. */
function Group({
  props,
  hint,
  children,
}: {
  props: QuestionProps;
  hint?: string;
  children: ReactNode;
}) {
  const { question, error } = props;
  const id = `question-${question.id}`;
  const help = [question.help, hint].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      id={id}
      className="mb-8 scroll-mt-4"
      aria-describedby={describedBy(id, { ...question, help }, error)}
      aria-invalid={error ? true : undefined}
    >
      <legend className="mb-2">
        <Heading question={question} number={props.number} note={props.note} />
      </legend>
      {children}
      <Extra id={id} help={help} error={error} />
    </fieldset>
  );
}

function Choices(
  props: QuestionProps & { question: { kind: "single_choice" | "multiple_choice" } },
) {
  const t = useTranslations("surveyAnswers");
  const { question, sent } = props;
  const name = `q.${question.id}`;
  const type = question.kind === "single_choice" ? "radio" : "checkbox";
  const chosen = sent(name);
  const options = question.allowOther
    ? [...question.options, { key: OTHER, label: t("other") }]
    : question.options;
  return (
    <Group props={props}>
      <ul className="space-y-1">
        {options.map((option) => (
          <li key={option.key}>
            <label className="flex items-start gap-2">
              <input
                type={type}
                name={name}
                value={option.key}
                defaultChecked={chosen.includes(option.key)}
                className="mt-1"
              />
              <span>{option.label}</span>
            </label>
          </li>
        ))}
      </ul>
      {question.allowOther ? (
        <p className="mt-2 ml-6">
          <label htmlFor={`${name}.${OTHER}`} className="block text-sm">
            {t("otherText")}
          </label>
          <input
            id={`${name}.${OTHER}`}
            name={`${name}.${OTHER}`}
            type="text"
            maxLength={5000}
            defaultValue={sent(`${name}.${OTHER}`)[0]}
            className={`mt-1 w-full max-w-md ${input}`}
          />
        </p>
      ) : null}
    </Group>
  );
}

/** A value of a scale, with the scale's words at its two ends. */
function useScaleLabel(lowLabel: string, highLabel: string) {
  const t = useTranslations("surveyAnswers");
  return (value: number) => {
    const end = value === SCALE_MIN ? lowLabel : value === SCALE_MAX ? highLabel : "";
    return end ? t("scaleValue", { value, label: end }) : String(value);
  };
}

function Scale(props: QuestionProps & { question: { kind: "scale" } }) {
  const { question, sent } = props;
  const label = useScaleLabel(question.lowLabel, question.highLabel);
  const name = `q.${question.id}`;
  return (
    <Group props={props}>
      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        {SCALE.map((value) => (
          <li key={value}>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name={name}
                value={value}
                defaultChecked={sent(name).includes(String(value))}
              />
              <span>{label(value)}</span>
            </label>
          </li>
        ))}
      </ul>
    </Group>
  );
}

function Matrix(props: QuestionProps & { question: { kind: "matrix" } }) {
  const t = useTranslations("surveyAnswers");
  const { question, sent } = props;
  const label = useScaleLabel(question.lowLabel, question.highLabel);
  return (
    <Group props={props}>
      <div className="overflow-x-auto">
        <table className="text-sm">
          <thead>
            <tr>
              <td />
              {SCALE.map((value) => (
                <th key={value} scope="col" className="px-2 py-1 text-center font-normal">
                  {label(value)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {question.rows.map((row) => {
              const name = `q.${question.id}.${row.key}`;
              return (
                <tr key={row.key}>
                  <th scope="row" className="py-2 pr-3 text-left font-normal">
                    {row.label}
                  </th>
                  {SCALE.map((value) => (
                    <td key={value} className="px-2 py-2 text-center">
                      <input
                        type="radio"
                        name={name}
                        value={value}
                        aria-label={t("matrixCell", { row: row.label, value: label(value) })}
                        defaultChecked={sent(name).includes(String(value))}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Group>
  );
}

function Ordering(props: QuestionProps & { question: { kind: "ordering" } }) {
  const t = useTranslations("surveyAnswers");
  const { question, sent } = props;
  const ranks = question.options.map((_, i) => i + 1);
  return (
    <Group props={props} hint={t("rankHint")}>
      <ul className="space-y-2">
        {question.options.map((option) => {
          const name = `q.${question.id}.rank.${option.key}`;
          return (
            <li key={option.key} className="flex items-center gap-3">
              <select
                id={name}
                name={name}
                defaultValue={sent(name)[0] ?? ""}
                aria-label={t("rankOf", { item: option.label })}
                className={input}
              >
                <option value="">{t("rankNone")}</option>
                {ranks.map((rank) => (
                  <option key={rank} value={rank}>
                    {rank}
                  </option>
                ))}
              </select>
              <label htmlFor={name}>{option.label}</label>
            </li>
          );
        })}
      </ul>
    </Group>
  );
}

function Text(props: QuestionProps & { question: { kind: "short_text" | "long_text" } }) {
  const { question, error, sent } = props;
  const id = `question-${question.id}`;
  const name = `q.${question.id}`;
  const common = {
    id: name,
    name,
    maxLength: 5000,
    defaultValue: sent(name)[0],
    "aria-required": question.required || undefined,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, question, error),
    className: `mt-1 block w-full ${input}`,
  };
  return (
    <div id={id} className="mb-8 scroll-mt-4">
      <label htmlFor={name} className="block">
        <Heading question={question} number={props.number} note={props.note} />
      </label>
      {question.kind === "long_text" ? (
        <textarea rows={5} {...common} />
      ) : (
        <input type="text" {...common} />
      )}
      <Extra id={id} help={question.help} error={error} />
    </div>
  );
}

/** One question, as its kind asks. */
export function SurveyQuestion(props: QuestionProps) {
  const { question } = props;
  switch (question.kind) {
    case "short_text":
    case "long_text":
      return <Text {...props} question={question} />;
    case "single_choice":
    case "multiple_choice":
      return <Choices {...props} question={question} />;
    case "scale":
      return <Scale {...props} question={question} />;
    case "matrix":
      return <Matrix {...props} question={question} />;
    case "ordering":
      return <Ordering {...props} question={question} />;
  }
}
