import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MemberTable } from "@/components/member-table";
import { PageTitle, Section } from "@/components/ui/page";
import { listMemberships, listSecretariat } from "@/lib/community/queries";
import { groupSlugs, groups } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { groupPath } from "@/lib/paths";

// Reads the database before anything of the request: without this, `next build` (which has no
// database) would try to render the page ahead of time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("groups"))("title") };
}

export default async function GroupsPage() {
  const db = getDb();
  const [t, terms, secretariat] = await Promise.all([
    getTranslations("groups"),
    listMemberships(db),
    listSecretariat(db),
  ]);
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      {groups.map((group) => (
        <Section key={group} title={t(`names.${group}`)}>
          <p className="mb-4 max-w-3xl text-muted">{t(`purpose.${group}`)}</p>
          <MemberTable
            caption={t("currentOf", { group: t(`names.${group}`) })}
            members={terms.filter((term) => term.group === group && term.status === "current")}
          />
          <p className="mt-3">
            <Link href={groupPath(groupSlugs[group])}>{t("allMembers")}</Link>
          </p>
        </Section>
      ))}
      <Section title={t("secretariatTitle")}>
        <p className="mb-4 max-w-3xl text-muted">{t("secretariatPurpose")}</p>
        <ul className="list-disc pl-5">
          {secretariat.map((person) => (
            <li key={person.id}>
              {person.name}
              {person.affiliation ? (
                <span className="text-muted"> · {person.affiliation}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
