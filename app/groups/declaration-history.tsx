import { getFormatter, getTranslations } from "next-intl/server";
import type { DeclarationVersion } from "@/lib/community/declarations";

/** One member's declaration of interest, every version with its time: nothing is edited away. */
export async function DeclarationHistory({
  name,
  versions,
}: {
  name: string;
  versions: DeclarationVersion[];
}) {
  const [t, format] = await Promise.all([getTranslations("groups"), getFormatter()]);
  return (
    <div className="mb-6">
      <h3 className="mb-2 font-semibold">{name}</h3>
      {versions.length === 0 ? (
        <p className="text-sm text-muted">{t("noHistory")}</p>
      ) : (
        <table className="w-full border-collapse text-left text-sm [overflow-wrap:anywhere]">
          <caption className="sr-only">{t("historyOf", { name })}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-2 pr-4">
                {t("columns.declaredAt")}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t("columns.declaration")}
              </th>
              <th scope="col" className="py-2">
                {t("columns.affiliation")}
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr
                key={version.id}
                id={`declaration-${version.id}`}
                className="border-b border-line align-top"
              >
                <td className="py-2 pr-4 whitespace-nowrap">
                  <time dateTime={version.declaredAt.toISOString()}>
                    {format.dateTime(version.declaredAt, {
                      dateStyle: "medium",
                      timeStyle: "short",
                    })}{" "}
                    UTC
                  </time>
                </td>
                <td className="py-2 pr-4 whitespace-pre-line">
                  {version.text || t("emptyDeclaration")}
                </td>
                <td className="py-2">{version.affiliation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
