import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { OrganisationDeclarations } from "@/components/registry/organisation-declarations";
import { OrganisationFacts } from "@/components/registry/organisation-facts";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { organisationManagePath } from "@/lib/paths";
import { isRepresentative } from "@/lib/registry/authz";
import {
  getOrganisation,
  listOrganisationDeclarations,
  listRepresentatives,
} from "@/lib/registry/organisations-queries";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const organisation = await getOrganisation(getDb(), slug);
  return { title: organisation?.name };
}

/** An organisation's public page: who it is, whether its domain is proven, who acts for it, its products. */
export default async function OrganisationPage({ params }: Props) {
  const { slug } = await params;
  const db = getDb();
  const organisation = await getOrganisation(db, slug);
  if (!organisation) notFound();
  const now = new Date();
  const [t, format, viewer, people, declarations] = await Promise.all([
    getTranslations("registry.organisations"),
    getFormatter(),
    getViewer(),
    listRepresentatives(db, organisation.id, now),
    listOrganisationDeclarations(db, organisation.id, { drafts: false }),
  ]);
  const represents = viewer ? await isRepresentative(db, organisation.id, viewer.id, now) : false;
  return (
    <>
      <PageTitle title={organisation.name} />
      {represents ? (
        <p className="-mt-4 mb-8">
          <Link href={organisationManagePath(organisation.slug)}>{t("manageLink")}</Link>
        </p>
      ) : null}
      <OrganisationFacts organisation={organisation} />
      <Section title={t("representativesTitle")}>
        <ul className="list-disc space-y-1 pl-5" aria-label={t("representativesTitle")}>
          {people.map((person) => (
            <li key={person.id}>
              <span className="font-medium">{person.name}</span>{" "}
              <span className="text-sm text-muted">
                {t("since", { date: format.dateTime(person.startsAt, { dateStyle: "medium" }) })}
              </span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("productsTitle")}>
        {declarations.length === 0 ? (
          <p className="text-muted">{t("noProducts")}</p>
        ) : (
          <OrganisationDeclarations declarations={declarations} label={t("productsTitle")} />
        )}
      </Section>
    </>
  );
}
