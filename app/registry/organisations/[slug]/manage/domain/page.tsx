import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { DomainVerifyForm } from "@/components/registry/domain-verify-form";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { organisationDomainPath, organisationManagePath, signInPath } from "@/lib/paths";
import { requireRepresentative } from "@/lib/registry/authz";
import { domainInstructions } from "@/lib/registry/domain-verification";
import { getOrganisation } from "@/lib/registry/organisations-queries";
import { verifyDomainAction } from "./actions";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const [organisation, t] = await Promise.all([
    getOrganisation(getDb(), slug),
    getTranslations("registryDomain"),
  ]);
  return { title: organisation ? t("title", { name: organisation.name }) : undefined };
}

/** Where an organisation's representatives prove it controls its website's domain. */
export default async function OrganisationDomainPage({ params }: Props) {
  const { slug } = await params;
  const db = getDb();
  const organisation = await getOrganisation(db, slug);
  if (!organisation) notFound();
  try {
    await requireRepresentative(
      db,
      await getViewer(),
      organisation.id,
      "registry.manage_organisation",
    );
  } catch (error) {
    if (error instanceof DomainError && error.code === "unauthenticated")
      redirect(signInPath(organisationDomainPath(slug)));
    forbidden();
  }
  const [t, format] = await Promise.all([getTranslations("registryDomain"), getFormatter()]);
  const { host, fileUrl, dnsName, token } = domainInstructions(organisation);
  const name = organisation.name;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={organisationManagePath(slug)} prefetch={false}>
          {t("back", { name })}
        </Link>
      </p>
      <PageTitle title={t("title", { name })} lead={t("lead", { name })} />
      <Section title={t("stateTitle")}>
        <p data-testid="domain-state">
          {organisation.verifiedDomain && organisation.verifiedAt
            ? t("verified", {
                host: organisation.verifiedDomain,
                date: format.dateTime(organisation.verifiedAt, { dateStyle: "long" }),
              })
            : t("notVerified")}
        </p>
        {host && organisation.verifiedDomain && organisation.verifiedDomain !== host ? (
          <p className="mt-2 text-muted">{t("otherHost", { host })}</p>
        ) : null}
      </Section>
      <Section title={t("howTitle")}>
        {fileUrl ? (
          <div className="max-w-3xl space-y-6">
            <div>
              <h3 className="font-semibold">{t("token")}</h3>
              <p className="mt-1">
                <code className="break-all rounded bg-white px-2 py-1 font-mono">{token}</code>
              </p>
              <p className="mt-1 text-sm text-muted">{t("tokenHint")}</p>
            </div>
            <div>
              <h3 className="font-semibold">{t("fileTitle")}</h3>
              <p className="mt-1">{t("fileSteps")}</p>
              <p className="mt-1">
                <code className="break-all font-mono">{fileUrl}</code>
              </p>
              <p className="mt-1 text-sm text-muted">{t("fileNote")}</p>
            </div>
            <div>
              <h3 className="font-semibold">{t("dnsTitle")}</h3>
              {dnsName ? (
                <>
                  <p className="mt-1">{t("dnsSteps")}</p>
                  <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                    <dt className="font-medium">{t("recordName")}</dt>
                    <dd className="break-all font-mono">{dnsName}</dd>
                    <dt className="font-medium">{t("recordType")}</dt>
                    <dd className="font-mono">TXT</dd>
                    <dt className="font-medium">{t("recordValue")}</dt>
                    <dd className="break-all font-mono">{token}</dd>
                  </dl>
                </>
              ) : (
                <p className="mt-1 text-muted">{t("dnsNone")}</p>
              )}
            </div>
            <ClientMessages>
              <DomainVerifyForm slug={slug} action={verifyDomainAction} />
            </ClientMessages>
          </div>
        ) : (
          <p className="text-muted">{t("noWebsite")}</p>
        )}
      </Section>
    </>
  );
}
