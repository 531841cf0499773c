import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { RegistryState } from "@/components/registry/registry-state";
import { Notice } from "@/components/ui/notice";
import { declarationPath, organisationPath, releasePath } from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";
import { claimsText } from "@/lib/registry/badge";
import type { PublicDeclaration } from "@/lib/registry/queries-declaration";

/** Who declares what, against which release, and where the listing stands today. */
export async function DeclarationFacts({ declaration }: { declaration: PublicDeclaration }) {
  const [t, format, locale] = await Promise.all([
    getTranslations("registry.declaration"),
    getFormatter(),
    readerLocale(),
  ]);
  const { organisation, shown, release, standard } = declaration;
  const product = shown.body.product;
  const date = (value: Date) => format.dateTime(value, { dateStyle: "long" });
  const reasonKey = `reasons.${declaration.stateReason ?? ""}`;
  return (
    <dl className="mb-8 grid gap-x-6 gap-y-3 rounded-lg border border-line bg-white p-4 sm:grid-cols-[12rem_1fr]">
      <dt className="font-medium">{t("organisation")}</dt>
      <dd>
        <Link href={organisationPath(organisation.slug)} className="underline">
          {organisation.name}
        </Link>{" "}
        <span className={organisation.verifiedDomain ? "text-ok" : "text-muted"}>
          {organisation.verifiedDomain
            ? `✓ ${t("verified", { domain: organisation.verifiedDomain })}`
            : t("unverified")}
        </span>
      </dd>
      <dt className="font-medium">{t("product")}</dt>
      <dd>
        {product.name}
        {product.category ? ` · ${t("category")}: ${product.category}` : ""}
      </dd>
      {product.model ? (
        <>
          <dt className="font-medium">{t("model")}</dt>
          <dd>{product.model}</dd>
        </>
      ) : null}
      {product.url ? (
        <>
          <dt className="font-medium">{t("url")}</dt>
          <dd className="break-all">
            <a href={product.url} rel="nofollow noopener" className="underline">
              {product.url}
            </a>
          </dd>
        </>
      ) : null}
      <dt className="font-medium">{t("standard")}</dt>
      <dd>
        <Link href={releasePath(standard.slug, release.version)}>
          {standard.name} {release.version}
        </Link>
      </dd>
      <dt className="font-medium">{t("claims")}</dt>
      <dd>{claimsText(release.content, shown.body.claims, locale)}</dd>
      <dt className="font-medium">{t("state")}</dt>
      <dd>
        <span data-testid="declaration-public-state">
          <RegistryState state={declaration.state} />
        </span>
        <ul className="mt-1 text-sm">
          {declaration.listedAt ? (
            <li>{t("listedSince", { date: date(declaration.listedAt) })}</li>
          ) : null}
          {declaration.state === "listed" && declaration.expiresAt ? (
            <li>{t("renewalDue", { date: date(declaration.expiresAt) })}</li>
          ) : null}
          {declaration.state !== "listed" ? (
            <li>
              {t("changedOn", {
                state: t(`states.${declaration.state === "draft" ? "listed" : declaration.state}`),
                date: date(declaration.stateChangedAt),
              })}
            </li>
          ) : null}
          {declaration.stateReason ? (
            <li>
              {t.has(reasonKey as "reasons.withdrawn")
                ? t(reasonKey as "reasons.withdrawn")
                : declaration.stateReason}
            </li>
          ) : null}
          {/* A withdrawal's note is the organisation's; a strike-off's rationale is shown with its decision. */}
          {declaration.stateNote && declaration.stateReason === "withdrawn" ? (
            <li>{t("note", { note: declaration.stateNote })}</li>
          ) : null}
        </ul>
      </dd>
    </dl>
  );
}

/** An older version is on the record as it was, and says so. */
export async function OlderVersionNotice({ declaration }: { declaration: PublicDeclaration }) {
  if (declaration.shown.version === declaration.latestVersion) return null;
  const [t, format] = await Promise.all([getTranslations("registry.declaration"), getFormatter()]);
  return (
    <Notice tone="info">
      {t("olderVersion", {
        version: declaration.shown.version,
        latest: declaration.latestVersion,
        date: format.dateTime(declaration.shown.publishedAt, { dateStyle: "long" }),
      })}{" "}
      <Link href={declarationPath(declaration.number)} className="underline">
        {t("readLatest")}
      </Link>
    </Notice>
  );
}
