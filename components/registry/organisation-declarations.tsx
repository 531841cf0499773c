import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { declarationEditPath, declarationPath } from "@/lib/paths";
import type { OrganisationDeclaration } from "@/lib/registry/organisations-queries";

/**
 * An organisation's declarations: product, number and state in words. On the public page each
 * links to its declaration; for representatives (`editing`), to where they edit it.
 */
export async function OrganisationDeclarations({
  declarations,
  label,
  editing = false,
}: {
  declarations: OrganisationDeclaration[];
  label: string;
  editing?: boolean;
}) {
  const [t, format] = await Promise.all([
    getTranslations("registry.organisations"),
    getFormatter(),
  ]);
  return (
    <ul className="divide-y divide-line rounded-lg border border-line bg-white" aria-label={label}>
      {declarations.map((declaration) => {
        const product = declaration.product || t("untitled");
        const href = editing
          ? declarationEditPath(declaration.number)
          : declarationPath(declaration.number);
        return (
          <li
            key={declaration.number}
            className="flex flex-wrap items-baseline justify-between gap-2 p-3"
          >
            <div>
              <p className="font-medium">
                <Link href={href}>{product}</Link>
              </p>
              <p className="text-sm text-muted">
                {t("declarationNumber", { number: declaration.number })}
                {editing && declaration.latestVersion > 0 ? (
                  <>
                    {" · "}
                    <Link href={declarationPath(declaration.number)} className="underline">
                      {t("publicPageLink")}
                    </Link>
                  </>
                ) : null}
              </p>
            </div>
            <p className="text-sm">
              <span className="font-medium">{t(`states.${declaration.state}`)}</span>
              {declaration.state === "listed" && declaration.expiresAt ? (
                <span className="text-muted">
                  {" "}
                  {t("until", {
                    date: format.dateTime(declaration.expiresAt, { dateStyle: "medium" }),
                  })}
                </span>
              ) : null}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
