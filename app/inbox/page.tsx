import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PersonName, withPeople } from "@/components/person-name";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { emailModeOf, listInbox } from "@/lib/notifications/queries";
import { inboxPath, signInPath } from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";
import { EmailModeForm, MarkAllReadForm } from "./forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inbox"))("title") };
}

export default async function InboxPage() {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(inboxPath()));
  const db = getDb();
  const locale = await readerLocale();
  const [t, tNotifications, format, items, mode] = await Promise.all([
    getTranslations("inbox"),
    getTranslations("notifications"),
    getFormatter(),
    listInbox(db, viewer.id, locale),
    emailModeOf(db, viewer.id),
  ]);
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      {items.length === 0 ? <p className="text-muted">{t("empty")}</p> : <MarkAllReadForm />}
      <ol className="mt-4 divide-y divide-line rounded-lg border border-line bg-white">
        {items.map((item) => (
          <li key={item.id} className="p-3">
            <p className="flex flex-wrap items-baseline justify-between gap-2">
              <Link href={item.path} className="font-medium">
                {item.subject}
              </Link>
              <span className="text-sm text-muted">
                {item.readAt ? null : <strong className="mr-2 text-accent">{t("unread")}</strong>}
                {format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" })}
              </span>
            </p>
            <p className="text-sm">
              {withPeople((people) => tNotifications(`kinds.${item.kind}`, people), {
                actor: <PersonName name={item.actor} badges={item.actorBadges} />,
              })}
            </p>
            <p className="text-sm text-muted">
              {item.hidden ? <em>{tNotifications("excerptHidden")}</em> : item.excerpt}
            </p>
          </li>
        ))}
      </ol>
      <div className="mt-10">
        <Section id="email" title={t("emailTitle")}>
          <EmailModeForm mode={mode} />
        </Section>
      </div>
    </>
  );
}
