import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";
import { MAGIC_LINK_MAX_AGE_SECONDS, SENT_TO_COOKIE, sentToAddress } from "@/lib/auth/rules";
import { isProductionBuild } from "@/lib/env";
import { outboxPath, RETURN_PARAM, safeReturnPath, signInPath } from "@/lib/paths";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("checkTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CheckEmailPage({ searchParams }: Props) {
  const [t, jar, query] = await Promise.all([getTranslations("signIn"), cookies(), searchParams]);
  // Shown, never trusted: the address the sign-in form just sent a link to, if still known.
  const address = sentToAddress(jar.get(SENT_TO_COOKIE)?.value);
  const next = safeReturnPath(query[RETURN_PARAM]);
  const minutes = MAGIC_LINK_MAX_AGE_SECONDS / 60;
  return (
    <>
      <PageTitle
        title={t("checkTitle")}
        lead={
          address
            ? t.rich("checkLeadTo", {
                email: address,
                minutes,
                address: (chunks) => <strong className="break-all text-ink">{chunks}</strong>,
              })
            : t("checkLead", { minutes })
        }
      />
      <p className="mb-4">
        <Link href={signInPath(next)} className="underline">
          {t("otherAddress")}
        </Link>
      </p>
      {isProductionBuild ? null : (
        <p>
          <Link href={outboxPath()}>{t("openOutbox")}</Link>
        </p>
      )}
    </>
  );
}
