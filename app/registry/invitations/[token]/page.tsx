import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { signInLink } from "@/components/sign-in-link";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { organisationPath, representativeInvitationPath } from "@/lib/paths";
import { getInvitation } from "@/lib/registry/invitations";
import { AcceptInvitationForm } from "./form";

type Props = { params: Promise<{ token: string }> };

// The token is a credential: the page is not for search engines, and links from it carry no referrer.
export const metadata: Metadata = { robots: { index: false }, referrer: "no-referrer" };

/** Where an emailed invitation leads: which organisation, and the button that accepts it. */
export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const invitation = await getInvitation(getDb(), token);
  if (!invitation) notFound();
  const [t, format, viewer] = await Promise.all([
    getTranslations("registry.invitations"),
    getFormatter(),
    getViewer(),
  ]);
  const name = invitation.organisation.name;
  return (
    <>
      <PageTitle title={t("title", { name })} lead={t("lead", { name })} />
      {invitation.status === "expired" ? (
        <Notice tone="error">{t("expired", { name })}</Notice>
      ) : invitation.status === "used" ? (
        <Notice tone="error">{t("used")}</Notice>
      ) : (
        <>
          <p className="mb-4">
            {t("expires", {
              date: format.dateTime(invitation.expiresAt, { dateStyle: "long" }),
            })}
          </p>
          {viewer ? (
            <ClientMessages>
              <AcceptInvitationForm token={token} name={name} />
            </ClientMessages>
          ) : (
            <p className="text-muted">
              {t.rich("signIn", { link: signInLink(representativeInvitationPath(token)) })}
            </p>
          )}
        </>
      )}
      <p className="mt-8">
        <Link href={organisationPath(invitation.organisation.slug)}>{t("organisationLink")}</Link>
      </p>
    </>
  );
}
