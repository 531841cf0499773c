import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { listDemoAccounts } from "@/lib/demo/queries";
import { githubCredentials, isDevelopmentBuild } from "@/lib/env";
import { EmailSignInForm } from "./email-form";
import { DemoSignInForm, GitHubSignInForm } from "./one-click-forms";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage() {
  if (await getViewer()) redirect("/profile");
  const t = await getTranslations("signIn");
  // Dropped from production builds: the demo menu exists only in development.
  const demoAccounts = isDevelopmentBuild ? await listDemoAccounts(getDb()) : [];
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      <EmailSignInForm />
      {githubCredentials() ? (
        <div className="mt-6">
          <p className="mb-2 text-sm text-muted">{t("or")}</p>
          <GitHubSignInForm />
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
