import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";
import { EndpointsSection } from "@/components/webhooks/endpoint-views";
import { requireSecretariat } from "@/lib/community/authz";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { signInPath, standardWebhooksPath } from "@/lib/paths";
import { eventTypesFor } from "@/lib/webhooks/events";
import { listEndpoints, standardBySlug } from "@/lib/webhooks/queries";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const [standard, t] = await Promise.all([
    standardBySlug(getDb(), slug),
    getTranslations("webhooks"),
  ]);
  return { title: standard ? `${t("manage.title")} · ${standard.name}` : undefined };
}

/** A standard's webhook endpoints, for the secretariat. */
export default async function StandardWebhooksPage({ params }: Props) {
  const { slug } = await params;
  const db = getDb();
  try {
    await requireSecretariat(db, await getViewer(), "page.webhooks");
  } catch (error) {
    if (error instanceof DomainError && error.code === "unauthenticated")
      redirect(signInPath(standardWebhooksPath(slug)));
    forbidden();
  }
  const standard = await standardBySlug(db, slug);
  if (!standard) notFound();
  const [t, endpoints] = await Promise.all([
    getTranslations("webhooks"),
    listEndpoints(db, { standardId: standard.id }),
  ]);
  return (
    <>
      <PageTitle
        title={`${t("manage.title")} · ${standard.name}`}
        lead={t("manage.standardLead", { standard: standard.name })}
      />
      <EndpointsSection
        owner={{ standard: standard.slug }}
        endpoints={endpoints}
        events={eventTypesFor("standard")}
      />
    </>
  );
}
