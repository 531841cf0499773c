import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { RegistryState } from "@/components/registry/registry-state";
import { declarationPath, organisationPath, releasePath } from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";
import { claimsText } from "@/lib/registry/badge";
import type { RegistryRow } from "@/lib/registry/queries";

/** The registry's results: one row per declaration, its claims in words. */
export async function RegistryTable({ rows }: { rows: RegistryRow[] }) {
  const [t, format, locale] = await Promise.all([
    getTranslations("registry.list"),
    getFormatter(),
    readerLocale(),
  ]);
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-line bg-stone-50">
          <tr>
            <th scope="col" className="p-3">
              {t("product")}
            </th>
            <th scope="col" className="p-3">
              {t("organisation")}
            </th>
            <th scope="col" className="p-3">
              {t("standard")}
            </th>
            <th scope="col" className="p-3">
              {t("claims")}
            </th>
            <th scope="col" className="p-3">
              {t("state")}
            </th>
            <th scope="col" className="p-3">
              {t("renewal")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((row) => (
            <tr key={row.number}>
              <td className="p-3">
                <Link href={declarationPath(row.number)} className="font-medium">
                  {row.productName}
                </Link>
              </td>
              <td className="p-3">
                <Link href={organisationPath(row.organisation.slug)}>{row.organisation.name}</Link>
                {row.organisation.verified ? (
                  <span className="ml-2 text-xs font-medium text-ok">✓ {t("verified")}</span>
                ) : null}
              </td>
              <td className="p-3">
                <Link href={releasePath(row.standard.slug, row.release.version)}>
                  {t("releaseOf", { standard: row.standard.name, version: row.release.version })}
                </Link>
              </td>
              <td className="p-3">{claimsText(row.release, row.claims, locale)}</td>
              <td className="p-3">
                <RegistryState state={row.state} />
              </td>
              <td className="p-3 whitespace-nowrap">
                {row.state === "listed" && row.expiresAt
                  ? format.dateTime(row.expiresAt, { dateStyle: "medium" })
                  : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
