import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { TermDates } from "@/components/term-dates";
import { Notice } from "@/components/ui/notice";
import { PageTitle, Section } from "@/components/ui/page";
import { requireParticipant } from "@/lib/community/authz";
import { getProfile, listMemberships } from "@/lib/community/queries";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { timeZones, UTC } from "@/lib/locale";
import { newOrganisationPath, organisationManagePath, profilePath, signInPath } from "@/lib/paths";
import { listOrganisationsOf } from "@/lib/registry/organisations-queries";
import { AccessTokens } from "./access-tokens";
import { ProfileForm, SignOutForm } from "./profile-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage() {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(profilePath()));
  const db = getDb();
  const [t, tGroups, tOrganisations, profile, terms, represented, locale] = await Promise.all([
    getTranslations("profile"),
    getTranslations("groups"),
    getTranslations("registry.organisations.profile"),
    getProfile(db, viewer.id),
    listMemberships(db, { userId: viewer.id }),
    listOrganisationsOf(db, viewer.id),
    getLocale(),
  ]);
  if (!profile) redirect(signInPath());
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead", { email: profile.email ?? "" })} />
      {viewer.hasName ? null : <Notice tone="info">{t("welcome")}</Notice>}
      <ProfileForm
        values={{
          name: profile.name ?? "",
          affiliation: profile.affiliation,
          conflictOfInterest: profile.conflictOfInterest,
        }}
        settings={{
          // Unchosen, the language shown is the one this browser reads in.
          language: viewer.language ?? locale,
          timeZone: viewer.timeZone ?? UTC,
          timeZones: timeZones(),
        }}
      />
      <div className="mt-10">
        <Section title={t("rolesTitle")}>
          <ul className="list-disc space-y-1 pl-5">
            <li>{t("participant")}</li>
            {viewer.isSecretariat ? <li>{t("secretariat")}</li> : null}
            {terms.map((term) => (
              <li key={term.membershipId}>
                {tGroups(`names.${term.group}`)} · {tGroups(`roles.${term.role}`)} ·{" "}
                <TermDates startsAt={term.startsAt} endsAt={term.endsAt} /> ·{" "}
                {tGroups(`status.${term.status}`)}
              </li>
            ))}
          </ul>
        </Section>
        <Section title={tOrganisations("title")} id="organisations">
          {represented.length === 0 ? (
            <p className="mb-3 text-muted">{tOrganisations("none")}</p>
          ) : (
            <ul className="mb-3 list-disc space-y-1 pl-5" aria-label={tOrganisations("title")}>
              {represented.map((organisation) => (
                <li key={organisation.slug}>
                  <Link href={organisationManagePath(organisation.slug)}>
                    {tOrganisations("manage", { name: organisation.name })}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <Link href={newOrganisationPath()}>{tOrganisations("register")}</Link>
        </Section>
        <AccessTokens owner={requireParticipant(viewer)} />
        <SignOutForm />
      </div>
    </>
  );
}
