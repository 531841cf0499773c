import { getFormatter, getTranslations } from "next-intl/server";
import { countryName } from "@/lib/registry/countries";
import type { OrganisationView } from "@/lib/registry/organisations-queries";
import { isEmailContact } from "@/lib/registry/organisations-rules";

/** Country, website, public contact and whether the organisation proved its domain. */
export async function OrganisationFacts({ organisation }: { organisation: OrganisationView }) {
  const t = await getTranslations("registry.organisations");
  const contactHref = isEmailContact(organisation.contact)
    ? `mailto:${organisation.contact}`
    : organisation.contact;
  return (
    <dl className="mb-10 grid max-w-2xl gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
      <dt className="font-medium">{t("country")}</dt>
      <dd>{countryName(organisation.country)}</dd>
      <dt className="font-medium">{t("website")}</dt>
      <dd className="break-all">
        <a href={organisation.website} rel="noopener noreferrer nofollow">
          {organisation.website}
        </a>
      </dd>
      <dt className="font-medium">{t("contact")}</dt>
      <dd className="break-all">
        <a href={contactHref} rel="noopener noreferrer nofollow">
          {organisation.contact}
        </a>
      </dd>
      <dt className="sr-only">{t("domainTitle")}</dt>
      <dd className="sm:col-span-2">
        <DomainStatus organisation={organisation} />
      </dd>
    </dl>
  );
}

/** "Domain verified: example.org (date)", or that it is not. */
export async function DomainStatus({
  organisation,
}: {
  organisation: Pick<OrganisationView, "verifiedDomain" | "verifiedAt">;
}) {
  const [t, format] = await Promise.all([
    getTranslations("registry.organisations"),
    getFormatter(),
  ]);
  return organisation.verifiedDomain && organisation.verifiedAt ? (
    <span className="rounded bg-green-50 px-2 py-0.5 text-sm font-medium text-ok">
      {t("domainVerified", {
        domain: organisation.verifiedDomain,
        date: format.dateTime(organisation.verifiedAt, { dateStyle: "medium" }),
      })}
    </span>
  ) : (
    <span className="rounded bg-stone-100 px-2 py-0.5 text-sm text-ink">
      {t("domainNotVerified")}
    </span>
  );
}
