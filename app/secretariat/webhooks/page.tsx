import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";
import { requireSecretariat } from "@/lib/community/authz";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { secretariatWebhooksPath, signInPath, standardWebhooksPath } from "@/lib/paths";
import { standardsForWebhooks } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("webhooks"))("manage.link") };
}

/** The standards whose events the secretariat may send to other programs and chats. */
export default async function SecretariatWebhooksPage() {
  const db = getDb();
  try {
    await requireSecretariat(db, await getViewer(), "page.webhooks");
  } catch (error) {
    if (error instanceof DomainError && error.code === "unauthenticated")
      redirect(signInPath(secretariatWebhooksPath()));
    forbidden();
  }
  const [t, list] = await Promise.all([getTranslations("webhooks"), standardsForWebhooks(db)]);
  return (
    <>
      <PageTitle title={t("manage.link")} />
      <ul className="list-disc pl-5">
        {list.map((standard) => (
          <li key={standard.id}>
            <Link href={standardWebhooksPath(standard.slug)}>{standard.name}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
