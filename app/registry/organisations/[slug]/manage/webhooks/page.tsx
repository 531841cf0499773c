import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";
import { EndpointsSection } from "@/components/webhooks/endpoint-views";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { organisationManagePath, organisationWebhooksPath, signInPath } from "@/lib/paths";
import { representativeOf } from "@/lib/registry/organisations";
import { getOrganisation } from "@/lib/registry/organisations-queries";
import { eventTypesFor } from "@/lib/webhooks/events";
import { listEndpoints } from "@/lib/webhooks/queries";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("manage.title") };
}

/** An organisation's webhook endpoints, for its representatives in office. */
export default async function OrganisationWebhooksPage({ params }: Props) {
  const { slug } = await params;
  const db = getDb();
  try {
    await representativeOf(db, await getViewer(), slug, "page.webhooks");
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "not_found") notFound();
    if (error.code === "unauthenticated") redirect(signInPath(organisationWebhooksPath(slug)));
    forbidden();
  }
  const organisation = await getOrganisation(db, slug);
  if (!organisation) notFound();
  const [t, endpoints] = await Promise.all([
    getTranslations("webhooks"),
    listEndpoints(db, { organisationId: organisation.id }),
  ]);
  return (
    <>
      <PageTitle
        title={`${t("manage.title")} · ${organisation.name}`}
        lead={t("manage.organisationLead", { organisation: organisation.name })}
      />
      <p className="-mt-4 mb-8">
        <Link href={organisationManagePath(slug)}>{organisation.name}</Link>
      </p>
      <EndpointsSection
        owner={{ organisation: slug }}
        endpoints={endpoints}
        events={eventTypesFor("organisation")}
      />
    </>
  );
}
