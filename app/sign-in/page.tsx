import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { listDemoAccounts } from "@/lib/demo/queries";
import { githubCredentials, isDevelopmentBuild } from "@/lib/env";
import { RETURN_PARAM, safeReturnPath, welcomePath } from "@/lib/paths";
import { EmailSignInForm } from "./email-form";
import { DemoSignInForm, GitHubSignInForm } from "./one-click-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  // Where the person was going: only a path on this site (lib/paths.ts), else the welcome page.
  const next = safeReturnPath((await searchParams)[RETURN_PARAM]);
  if (await getViewer()) redirect(next ?? welcomePath());
  const t = await getTranslations("signIn");
  // Dropped from production builds: the demo menu exists only in development.
  const demoAccounts = isDevelopmentBuild ? await listDemoAccounts(getDb()) : [];
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      {next ? <p className="-mt-4 mb-6 text-muted">{t("returning")}</p> : null}
      <EmailSignInForm next={next} />
      {githubCredentials() ? (
        <div className="mt-6">
          <p className="mb-2 text-sm text-muted">{t("or")}</p>
          <GitHubSignInForm next={next} />
        </div>
      ) : null}
      {demoAccounts.length > 0 ? (
        <div className="mt-12 rounded-lg border border-dashed border-line p-5">
          <Section title={t("demoTitle")}>
            <p className="mb-4 text-sm text-muted">{t("demoLead")}</p>
            <ul className="grid gap-3 sm:grid-cols-2">
              {demoAccounts.map((account) => (
                <li key={account.id}>
                  <DemoSignInForm
                    next={next}
                    userId={account.id}
                    label={t("demoAs", {
                      name: account.name ?? "",
                      affiliation: account.affiliation,
                    })}
                  />
                </li>
              ))}
            </ul>
          </Section>
        </div>
      ) : null}
    </>
  );
}
