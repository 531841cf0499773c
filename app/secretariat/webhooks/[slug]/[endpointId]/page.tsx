import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";
import { EndpointDetails } from "@/components/webhooks/endpoint-views";
import { requireSecretariat } from "@/lib/community/authz";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { signInPath, standardWebhooksPath, webhookEndpointPath } from "@/lib/paths";
import { logCursor } from "@/lib/webhooks/log-cursor";
import { deliveryLog, endpointById, standardBySlug } from "@/lib/webhooks/queries";

type Props = {
  params: Promise<{ slug: string; endpointId: string }>;
  searchParams: Promise<{ before?: string | string[] }>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("manage.title") };
}

/** One of a standard's endpoints: its secret, controls and delivery log. */
export default async function StandardEndpointPage({ params, searchParams }: Props) {
  const { slug, endpointId } = await params;
  const before = logCursor((await searchParams).before);
  const db = getDb();
  try {
    await requireSecretariat(db, await getViewer(), "page.webhooks");
  } catch (error) {
    if (error instanceof DomainError && error.code === "unauthenticated")
      redirect(signInPath(webhookEndpointPath({ standard: slug }, endpointId)));
    forbidden();
  }
  const [standard, endpoint] = await Promise.all([
    standardBySlug(db, slug),
    /^[0-9a-f-]{36}$/.test(endpointId) ? endpointById(db, endpointId) : null,
  ]);
  if (!standard || !endpoint || endpoint.standardId !== standard.id) notFound();
  const [t, log] = await Promise.all([
    getTranslations("webhooks"),
    deliveryLog(db, endpoint.id, before),
  ]);
  return (
    <>
      <PageTitle title={`${t("manage.title")} · ${standard.name}`} />
      <EndpointDetails
        owner={{ standard: slug }}
        endpoint={endpoint}
        log={log}
        back={standardWebhooksPath(slug)}
        paged={before !== undefined}
      />
    </>
  );
}
