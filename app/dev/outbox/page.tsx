import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";
import { getDb } from "@/lib/db/client";
import { listOutbox } from "@/lib/email/sender";
import { isProductionBuild } from "@/lib/env";

// Reads the database before anything of the request: without this, `next build` (which has no
// database) would try to render the page ahead of time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("outbox"))("title") };
}

/** Plain text with its web addresses made clickable, and nothing else interpreted. */
function Linkified({ text }: { text: string }) {
  let offset = 0;
  return (
    <>
      {text.split(/(https?:\/\/[^\s<>"]+)/g).map((part) => {
        const key = offset;
        offset += part.length;
        return /^https?:\/\//.test(part) ? (
          <a key={key} href={part} className="break-all">
            {part}
          </a>
        ) : (
          <span key={key}>{part}</span>
        );
      })}
    </>
  );
}

/** Every email Hum would have sent, for development and tests. Absent from production. */
export default async function OutboxPage() {
  if (isProductionBuild) notFound();
  const [t, format, messages] = await Promise.all([
    getTranslations("outbox"),
    getFormatter(),
    listOutbox(getDb()),
  ]);
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      {messages.length === 0 ? <p className="text-muted">{t("empty")}</p> : null}
      <ol className="space-y-4">
        {messages.map((message) => (
          <li key={message.id} className="rounded-lg border border-line bg-white p-4">
            <h2 className="font-semibold">{message.subject}</h2>
            <p className="text-sm text-muted">
              {t("to", { to: message.to })} ·{" "}
              {format.dateTime(message.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
            </p>
            <pre className="mt-3 whitespace-pre-wrap font-sans text-sm">
              <Linkified text={message.text} />
            </pre>
          </li>
        ))}
      </ol>
    </>
  );
}
