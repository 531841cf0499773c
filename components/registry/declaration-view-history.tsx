import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { declarationComparePath, declarationPath } from "@/lib/paths";
import type { PublicDeclaration } from "@/lib/registry/queries-declaration";

/** Every published version, newest first, each readable and comparable with the one before. */
export async function DeclarationHistory({ declaration }: { declaration: PublicDeclaration }) {
  const [t, format] = await Promise.all([getTranslations("registry.declaration"), getFormatter()]);
  const versions = [...declaration.versions].reverse();
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-line bg-stone-50">
          <tr>
            <th scope="col" className="p-3">
              {t("version")}
            </th>
            <th scope="col" className="p-3">
              {t("kind")}
            </th>
            <th scope="col" className="p-3">
              {t("date")}
            </th>
            <th scope="col" className="p-3">
              {t("digest")}
            </th>
            <th scope="col" className="p-3">
              <span className="sr-only">{t("compare", { version: "" })}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {versions.map((version) => (
            <tr key={version.version}>
              <td className="p-3">
                {version.version === declaration.shown.version ? (
                  <span aria-current="page">
                    {version.version} ({t("current")})
                  </span>
                ) : (
                  <Link href={declarationPath(declaration.number, version.version)}>
                    {version.version}
                  </Link>
                )}
              </td>
              <td className="p-3">
                {version.kind === "reaffirmed" ? t("kinds.reaffirmed") : t("kinds.published")}
              </td>
              <td className="p-3 whitespace-nowrap">
                {format.dateTime(version.publishedAt, { dateStyle: "medium" })}
              </td>
              <td className="p-3">
                <code className="break-all text-xs">{version.digest}</code>
              </td>
              <td className="p-3">
                {version.version > 1 ? (
                  <Link
                    href={declarationComparePath(
                      declaration.number,
                      version.version - 1,
                      version.version,
                    )}
                  >
                    {t("compare", { version: version.version - 1 })}
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
