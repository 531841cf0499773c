"use client";

import { useTranslations } from "next-intl";
import type { ImportPreview } from "@/lib/drafting/import-plan";

/** What an import will create or change, shown before the secretariat confirms it. */
export function ImportPreviewPanel({ preview, adopt }: { preview: ImportPreview; adopt: boolean }) {
  const t = useTranslations("importing.preview");
  const clauses = preview.modules.reduce((sum, module) => sum + module.clauses.length, 0);
  const later = preview.mode === "later";
  return (
    <section aria-labelledby="import-preview" className="my-6 rounded-md border border-line p-4">
      <h2 id="import-preview" className="text-xl font-semibold">
        {t("title", { name: preview.name })}
      </h2>
      <p className="mt-2">
        {later
          ? t("later", {
              name: preview.name,
              added: preview.counts.new,
              updated: preview.counts.updated,
              unchanged: preview.counts.unchanged,
              retired: preview.counts.retired,
            })
          : t("new", {
              slug: preview.slug,
              sections: preview.sections.length,
              modules: preview.modules.length,
              clauses,
            })}
      </p>
      <p className="mt-2 font-medium">
        {!adopt
          ? t("noCall")
          : later
            ? t("lastCall")
            : t("founding", { count: clauses + preview.sections.length })}
      </p>
      <h3 className="mt-4 text-lg font-semibold">{t("sections")}</h3>
      {preview.sections.length === 0 ? (
        <p>{t("noSections")}</p>
      ) : (
        <ol className="mt-2 list-decimal pl-6">
          {preview.sections.map((section) => (
            <li key={section.slug}>
              {section.title} <span className="text-muted">({t(`kinds.${section.kind}`)})</span>
              {later ? (
                <>
                  {" "}
                  <strong className="ml-1">{t(`changes.${section.change}`)}</strong>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <h3 className="mt-4 text-lg font-semibold">{t("modules")}</h3>
      {preview.modules.map((module) => (
        <div key={module.code} className="mt-3">
          <h4 className="font-semibold">
            {t("module", { name: module.name, code: module.code })}{" "}
            <span className="font-normal text-muted">
              {t("clauseCount", { count: module.clauses.length })}
              {later && module.isNew ? `, ${t("newModule")}` : ""}
            </span>
          </h4>
          {module.summary ? <p className="text-sm text-muted">{module.summary}</p> : null}
          <table className="mt-1 w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col" className="pr-2">
                  {t("ref")}
                </th>
                <th scope="col" className="pr-2">
                  {t("clauseTitle")}
                </th>
                <th scope="col" className="pr-2">
                  {t("strength")}
                </th>
                <th scope="col" className="pr-2">
                  {t("level")}
                </th>
                {later ? <th scope="col">{t("change")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {module.clauses.map((clause) => (
                <tr key={clause.ref} className="border-t border-line">
                  <td className="whitespace-nowrap pr-2 font-mono">{clause.ref}</td>
                  <td className="pr-2">{clause.title}</td>
                  <td className="whitespace-nowrap pr-2">{clause.strength}</td>
                  <td className="pr-2">{clause.level ?? t("recommended")}</td>
                  {later ? <td>{t(`changes.${clause.change}`)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
