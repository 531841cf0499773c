import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";
import { requireSecretariat } from "@/lib/community/authz";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { listStandards } from "@/lib/drafting/queries";
import { DomainError } from "@/lib/errors";
import { importStandardPath, signInPath } from "@/lib/paths";
import { ImportForm } from "./import-form";

// Reads the database before anything of the request: without this, `next build` (which has no
// database) would try to render the page ahead of time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("importing"))("title") };
}

/** The secretariat creates a standard from Markdown: a Hum export or a plain outside document. */
export default async function ImportPage() {
  const db = getDb();
  try {
    await requireSecretariat(db, await getViewer(), "page.import_standard");
  } catch (error) {
    if (error instanceof DomainError && error.code === "unauthenticated")
      redirect(signInPath(importStandardPath()));
    forbidden();
  }
  const t = await getTranslations("importing");
  const { featured, others } = await listStandards(db);
  const standards = [...(featured ? [featured] : []), ...others].map(({ slug, name }) => ({
    slug,
    name,
  }));
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      <ImportForm standards={standards} />
    </>
  );
}
