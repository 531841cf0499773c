import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { EvidenceCheck, PublicDeclaration } from "@/lib/registry/queries-declaration";
import { requiredClauses } from "@/lib/registry/rules";

const answerTones = {
  met: "text-ok",
  not_applicable: "text-muted",
  not_met: "text-danger",
} as const;

/** One evidence link and what its last check found. */
async function EvidenceItem({ url, check }: { url: string; check: EvidenceCheck | undefined }) {
  const [t, format] = await Promise.all([getTranslations("registry.declaration"), getFormatter()]);
  const date = check?.checkedAt ? format.dateTime(check.checkedAt, { dateStyle: "medium" }) : "";
  let status: string;
  let tone = "text-muted";
  if (!check || check.state === "unchecked" || !check.checkedAt) status = t("check.unchecked");
  else if (check.state === "ok") {
    status = t("check.ok", { date });
    tone = "text-ok";
  } else if (check.state === "moved") {
    status = t("check.moved", { url: check.finalUrl ?? "", date });
    tone = "text-amber-800";
  } else {
    status =
      check.status !== null
        ? t("check.broken", { status: String(check.status), date })
        : t("check.brokenProblem", { problem: check.problem ?? "", date });
    tone = "text-danger";
  }
  return (
    <li className="break-all">
      <a href={url} rel="nofollow noopener" className="underline">
        {url}
      </a>{" "}
      <span className={`text-sm ${tone}`}>({status})</span>
    </li>
  );
}

/**
 * Every clause the claims require, in release order, with the answer given to it. `marks` puts
 * a note next to a clause's title (an open challenge that names it).
 */
export async function DeclarationAnswers({
  declaration,
  marks,
}: {
  declaration: PublicDeclaration;
  marks?: ReadonlyMap<string, ReactNode>;
}) {
  const t = await getTranslations("registry.declaration");
  const { content } = declaration.release;
  const answers = new Map(declaration.shown.body.answers.map((answer) => [answer.ref, answer]));
  const moduleName = new Map(content.modules.map((module) => [module.code, module.name]));
  return (
    <ol className="space-y-4">
      {requiredClauses(content, declaration.shown.body.claims).map((clause) => {
        const answer = answers.get(clause.ref);
        return (
          <li
            key={clause.ref}
            id={clause.ref}
            className="scroll-mt-4 rounded-lg border border-line bg-white p-4"
          >
            <h3 className="font-semibold">
              <span className="font-mono text-sm">{clause.ref}</span> {clause.title}{" "}
              <span className="text-sm font-normal text-muted">
                {clause.strength} · {moduleName.get(clause.moduleCode) ?? clause.moduleCode}
              </span>
              {marks?.get(clause.ref) ?? null}
            </h3>
            {answer ? (
              <>
                <p className={`mt-2 font-medium ${answerTones[answer.answer]}`}>
                  {t(`answer.${answer.answer}`)}
                </p>
                <p className="mt-1 whitespace-pre-line">
                  <span className="sr-only">{t("justification")}: </span>
                  {answer.justification}
                </p>
                {answer.evidence.length > 0 ? (
                  <div className="mt-2">
                    <p className="text-sm font-medium">{t("evidence")}</p>
                    <ul className="list-disc pl-5">
                      {answer.evidence.map((url) => (
                        <EvidenceItem key={url} url={url} check={declaration.evidence.get(url)} />
                      ))}
                    </ul>
                  </div>
                ) : null}
              </>
            ) : (
              <p className="mt-2 text-muted">{t("noAnswer")}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
