import { getTranslations } from "next-intl/server";
import type { Answer } from "@/lib/registry/rules";
import type { AnswerChange } from "@/lib/registry/version-diff";

/** One side of a changed answer: the answer, its justification and its evidence. */
async function AnswerSide({ label, answer }: { label: string; answer: Answer }) {
  const t = await getTranslations("registry.declaration");
  return (
    <div className="min-w-0 flex-1 rounded border border-line p-3">
      <p className="text-sm font-medium text-muted">{label}</p>
      <p className="font-medium">{t(`answer.${answer.answer}`)}</p>
      <p className="whitespace-pre-line">{answer.justification}</p>
      {answer.evidence.length > 0 ? (
        <ul className="mt-1 list-disc pl-5 text-sm">
          {answer.evidence.map((url) => (
            <li key={url} className="break-all">
              {url}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Each clause whose answer was added, removed or changed between the two versions. */
export async function AnswerChanges({
  changes,
  titles,
}: {
  changes: AnswerChange[];
  titles: Map<string, string>;
}) {
  const t = await getTranslations("registry.compare");
  if (changes.length === 0) return <p className="text-muted">{t("none")}</p>;
  return (
    <ol className="space-y-4">
      {changes.map((change) => (
        <li key={change.ref} className="rounded-lg border border-line bg-white p-4">
          <h3 className="font-semibold">
            <span className="font-mono text-sm">{change.ref}</span> {titles.get(change.ref) ?? ""}{" "}
            <span className="text-sm font-normal text-muted">{t(change.change)}</span>
          </h3>
          {change.change === "changed" ? (
            <p className="text-sm">
              {t("changedParts", {
                parts: change.parts.map((part) => t(`parts.${part}`)).join(", "),
              })}
            </p>
          ) : null}
          <div className="mt-2 flex flex-wrap gap-3">
            {change.change !== "added" ? (
              <AnswerSide label={t("before")} answer={change.before} />
            ) : null}
            {change.change !== "removed" ? (
              <AnswerSide label={t("after")} answer={change.after} />
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
