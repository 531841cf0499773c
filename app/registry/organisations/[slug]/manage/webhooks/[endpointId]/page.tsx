import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { PageTitle } from "@/components/ui/page";
import { EndpointDetails } from "@/components/webhooks/endpoint-views";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { organisationWebhooksPath, signInPath, webhookEndpointPath } from "@/lib/paths";
import { representativeOf } from "@/lib/registry/organisations";
import { logCursor } from "@/lib/webhooks/log-cursor";
import { deliveryLog, endpointById } from "@/lib/webhooks/queries";

type Props = {
  params: Promise<{ slug: string; endpointId: string }>;
  searchParams: Promise<{ before?: string | string[] }>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("manage.title") };
}

/** One of an organisation's endpoints: its secret, controls and delivery log. */
export default async function OrganisationEndpointPage({ params, searchParams }: Props) {
  const { slug, endpointId } = await params;
  const before = logCursor((await searchParams).before);
  const db = getDb();
  let organisationId: string;
  try {
    ({ organisationId } = await representativeOf(db, await getViewer(), slug, "page.webhooks"));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "not_found") notFound();
    if (error.code === "unauthenticated")
      redirect(signInPath(webhookEndpointPath({ organisation: slug }, endpointId)));
    forbidden();
  }
  const endpoint = /^[0-9a-f-]{36}$/.test(endpointId) ? await endpointById(db, endpointId) : null;
  if (!endpoint || endpoint.organisationId !== organisationId) notFound();
  const [t, log] = await Promise.all([
    getTranslations("webhooks"),
    deliveryLog(db, endpoint.id, before),
  ]);
  return (
    <ClientMessages paths={["webhooks"]}>
      <PageTitle title={t("manage.title")} />
      <EndpointDetails
        owner={{ organisation: slug }}
        endpoint={endpoint}
        log={log}
        back={organisationWebhooksPath(slug)}
        paged={before !== undefined}
      />
    </ClientMessages>
  );
}
