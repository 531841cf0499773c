import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { StartDeclarationForm } from "@/components/registry/declaration-form-start";
import { PageTitle } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { newDeclarationPath, signInPath } from "@/lib/paths";
import { isRepresentative } from "@/lib/registry/authz";
import { getOrganisation } from "@/lib/registry/organisations-queries";
import { usableReleases } from "@/lib/registry/working-copy";
import { startDeclarationAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("registry.declare"))("title") };
}

/** Starts a declaration: the release it answers and the product, then on to the edit page. */
export default async function DeclarePage({ params }: Props) {
  const { slug } = await params;
  const db = getDb();
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(newDeclarationPath(slug)));
  const organisation = await getOrganisation(db, slug);
  if (!organisation) notFound();
  if (!(await isRepresentative(db, organisation.id, viewer.id))) forbidden();
  const [t, releases] = await Promise.all([
    getTranslations("registry.declare"),
    usableReleases(db),
  ]);
  return (
    <>
      <PageTitle title={t("titleFor", { name: organisation.name })} lead={t("lead")} />
      {releases.length === 0 ? (
        <p className="text-muted">{t("noReleases")}</p>
      ) : (
        <ClientMessages>
          <StartDeclarationForm
            action={startDeclarationAction}
            organisation={organisation.slug}
            releases={releases.map((release) => ({
              value: `${release.standardSlug}@${release.version}`,
              standard: release.standardName,
              version: release.version,
            }))}
          />
        </ClientMessages>
      )}
    </>
  );
}
