import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TermDates } from "@/components/term-dates";
import { PageTitle, Section } from "@/components/ui/page";
import { requireSecretariat } from "@/lib/community/authz";
import { listMemberships, listSecretariat } from "@/lib/community/queries";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import {
  importStandardPath,
  secretariatPath,
  secretariatReviewsPath,
  secretariatWebhooksPath,
  signInPath,
} from "@/lib/paths";
import { AppointForm, EndMembershipForm, SecretariatForm } from "./forms";

// Reads the database before anything of the request: without this, `next build` (which has no
// database) would try to render the page ahead of time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("secretariat"))("title") };
}

export default async function SecretariatPage() {
  const db = getDb();
  const viewer = await getViewer();
  try {
    await requireSecretariat(db, viewer, "page.secretariat");
  } catch (error) {
    if (error instanceof DomainError && error.code === "unauthenticated")
      redirect(signInPath(secretariatPath()));
    forbidden();
  }
  const [t, tGroups, tHooks, tReviews, terms, secretariat] = await Promise.all([
    getTranslations("secretariat"),
    getTranslations("groups"),
    getTranslations("webhooks"),
    getTranslations("reviews"),
    listMemberships(db),
    listSecretariat(db),
  ]);
  const open = terms.filter((term) => term.status !== "past");
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      <p className="-mt-4 mb-8">
        <Link href={importStandardPath()}>{t("importLink")}</Link>
        {" · "}
        <Link href={secretariatWebhooksPath()}>{tHooks("manage.link")}</Link>
        {" · "}
        <Link href={secretariatReviewsPath()}>{tReviews("secretariatLink")}</Link>
      </p>
      <Section title={t("appointTitle")}>
        <AppointForm today={new Date().toISOString().slice(0, 10)} />
      </Section>
      <Section title={t("termsTitle")}>
        {open.length === 0 ? <p className="text-muted">{tGroups("none")}</p> : null}
        <ul className="divide-y divide-line rounded-lg border border-line bg-white">
          {open.map((term) => (
            <li
              key={term.membershipId}
              className="flex flex-wrap items-center justify-between gap-3 p-3"
            >
              <div>
                <p className="font-medium">{term.name}</p>
                <p className="text-sm text-muted">
                  {tGroups(`names.${term.group}`)} · {tGroups(`roles.${term.role}`)} ·{" "}
                  <TermDates startsAt={term.startsAt} endsAt={term.endsAt} /> ·{" "}
                  {tGroups(`status.${term.status}`)}
                </p>
              </div>
              <EndMembershipForm
                membershipId={term.membershipId}
                label={t("endFor", { name: term.name, group: tGroups(`names.${term.group}`) })}
              />
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("secretariatTitle")}>
        <ul className="mb-4 list-disc pl-5">
          {secretariat.map((person) => (
            <li key={person.id}>{person.name}</li>
          ))}
        </ul>
        <SecretariatForm />
      </Section>
    </>
  );
}
