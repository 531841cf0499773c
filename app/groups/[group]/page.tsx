import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MemberTable } from "@/components/member-table";
import { PageTitle, Section } from "@/components/ui/page";
import { listDeclarationHistory } from "@/lib/community/declarations";
import { listMemberships } from "@/lib/community/queries";
import { groupFromSlug } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { DeclarationHistory } from "../declaration-history";

type Props = { params: Promise<{ group: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const group = groupFromSlug((await params).group);
  const t = await getTranslations("groups");
  return { title: group ? t(`names.${group}`) : t("title") };
}

export default async function GroupPage({ params }: Props) {
  const group = groupFromSlug((await params).group);
  if (!group) notFound();
  const db = getDb();
  const [t, terms] = await Promise.all([getTranslations("groups"), listMemberships(db, { group })]);
  const history = await listDeclarationHistory(
    db,
    terms.map((term) => term.userId),
  );
  // Each member once, in the order of the tables above.
  const members = [...new Map(terms.map((term) => [term.userId, term.name])).entries()];
  const name = t(`names.${group}`);
  const upcoming = terms.filter((term) => term.status === "upcoming");
  return (
    <>
      <PageTitle title={name} lead={t(`purpose.${group}`)} />
      <Section title={t("current")}>
        <MemberTable
          caption={t("currentOf", { group: name })}
          members={terms.filter((term) => term.status === "current")}
        />
      </Section>
      {upcoming.length > 0 ? (
        <Section title={t("upcoming")}>
          <MemberTable caption={t("upcomingOf", { group: name })} members={upcoming} />
        </Section>
      ) : null}
      <Section title={t("past")}>
        <MemberTable
          caption={t("pastOf", { group: name })}
          members={terms.filter((term) => term.status === "past")}
        />
      </Section>
      <Section title={t("historyTitle")}>
        <p className="mb-4 max-w-3xl text-muted">{t("historyLead")}</p>
        {members.map(([userId, memberName]) => (
          <DeclarationHistory key={userId} name={memberName} versions={history.get(userId) ?? []} />
        ))}
      </Section>
    </>
  );
}
