import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { OrganisationDeclarations } from "@/components/registry/organisation-declarations";
import { DomainStatus } from "@/components/registry/organisation-facts";
import { buttonClass } from "@/components/ui/button";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import {
  newDeclarationPath,
  organisationDomainPath,
  organisationManagePath,
  organisationPath,
  organisationWebhooksPath,
  signInPath,
} from "@/lib/paths";
import { representativeOf } from "@/lib/registry/organisations";
import {
  getOrganisation,
  listOrganisationDeclarations,
  listRepresentatives,
} from "@/lib/registry/organisations-queries";
import { INVITATION_DAYS } from "@/lib/registry/organisations-rules";
import { EndRepresentativeForm, InviteRepresentativeForm, OrganisationDetailsForm } from "./forms";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const [organisation, t] = await Promise.all([
    getOrganisation(getDb(), slug),
    getTranslations("registry.organisations"),
  ]);
  return { title: organisation ? t("manageTitle", { name: organisation.name }) : undefined };
}

/** Where an organisation's representatives keep its details, people and declarations. */
export default async function ManageOrganisationPage({ params }: Props) {
  const { slug } = await params;
  const db = getDb();
  const viewer = await getViewer();
  try {
    await representativeOf(db, viewer, slug, "registry.manage_organisation");
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "not_found") notFound();
    if (error.code === "unauthenticated") redirect(signInPath(organisationManagePath(slug)));
    forbidden();
  }
  const organisation = await getOrganisation(db, slug);
  if (!organisation) notFound();
  const [t, tHooks, format, people, declarations] = await Promise.all([
    getTranslations("registry.organisations"),
    getTranslations("webhooks"),
    getFormatter(),
    listRepresentatives(db, organisation.id),
    listOrganisationDeclarations(db, organisation.id, { drafts: true }),
  ]);
  return (
    <ClientMessages>
      <PageTitle title={t("manageTitle", { name: organisation.name })} lead={t("manageLead")} />
      <p className="-mt-4 mb-8">
        <Link href={organisationPath(organisation.slug)}>{t("publicPageLink")}</Link>
        {" · "}
        <Link href={organisationWebhooksPath(organisation.slug)}>{tHooks("manage.link")}</Link>
      </p>
      <Section title={t("declarationsTitle")} id="declarations">
        <p className="mb-4 text-muted">{t("declarationsLead")}</p>
        {declarations.length === 0 ? (
          <p className="mb-4 text-muted">{t("noDeclarations")}</p>
        ) : (
          <div className="mb-4">
            <OrganisationDeclarations
              declarations={declarations}
              label={t("declarationsTitle")}
              editing
            />
          </div>
        )}
        <Link href={newDeclarationPath(organisation.slug)} className={buttonClass("primary")}>
          {t("declare")}
        </Link>
      </Section>
      <Section title={t("representativesTitle")} id="representatives">
        <ul
          className="mb-6 divide-y divide-line rounded-lg border border-line bg-white"
          aria-label={t("representativesTitle")}
        >
          {people.map((person) => (
            <li key={person.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
              <p>
                <span className="font-medium">{person.name}</span>
                {person.userId === viewer?.id ? ` (${t("you")})` : null}{" "}
                <span className="text-sm text-muted">
                  {t("since", { date: format.dateTime(person.startsAt, { dateStyle: "medium" }) })}
                </span>
              </p>
              {people.length > 1 ? (
                <EndRepresentativeForm
                  slug={organisation.slug}
                  representativeId={person.id}
                  name={person.name}
                />
              ) : null}
            </li>
          ))}
        </ul>
        <h3 className="mb-2 text-lg font-semibold">{t("inviteTitle")}</h3>
        <p className="mb-4 max-w-2xl text-muted">{t("inviteLead", { days: INVITATION_DAYS })}</p>
        <InviteRepresentativeForm slug={organisation.slug} />
      </Section>
      <Section title={t("domainTitle")} id="domain">
        <p className="mb-4 max-w-2xl text-muted">{t("domainLead")}</p>
        <p className="mb-4">
          <DomainStatus organisation={organisation} />
        </p>
        <Link href={organisationDomainPath(organisation.slug)}>{t("verifyDomain")}</Link>
      </Section>
      <Section title={t("detailsTitle")} id="details">
        <OrganisationDetailsForm
          slug={organisation.slug}
          values={{
            name: organisation.name,
            country: organisation.country,
            website: organisation.website,
            contact: organisation.contact,
          }}
        />
      </Section>
    </ClientMessages>
  );
}
