import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { PageTitle } from "@/components/ui/page";
import { signInPath } from "@/lib/paths";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("errorTitle") };
}

/** Auth.js sends people here when a link is expired, used already, or sign-in failed. */
export default async function SignInErrorPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string }>;
}) {
  const [t, { error }] = await Promise.all([getTranslations("signIn"), searchParams]);
  const known = ["Verification", "AccessDenied", "Configuration"] as const;
  const kind = known.find((entry) => entry === error) ?? "Default";
  return (
    <>
      <PageTitle title={t("errorTitle")} lead={t(`errorReasons.${kind}`)} />
      <Link href={signInPath()} className={buttonClass()}>
        {t("tryAgain")}
      </Link>
    </>
  );
}
