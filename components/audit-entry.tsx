import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { PersonName, withPeople } from "@/components/person-name";
import type { RoleBadge } from "@/lib/community/rules";
import { readerLocale } from "@/lib/reader-locale";
import type { AuditRow } from "@/lib/transparency/queries";
import {
  describeEntry,
  formatMoment,
  type Here,
  type Reference,
  sentence,
} from "@/lib/transparency/sentence";

/**
 * One entry of the public record as a sentence ("Kofi took a position on call 3: objection"),
 * with the words people wrote for it, when it happened, and the entry exactly as recorded in a
 * disclosure: the record is never reworded away, only explained. `here` is the subject the page
 * is about (a call's own timeline says "this call"); the actor's roles show where the page looked
 * them up. `namingStandard` prefixes the standard the entry concerns, for a page that shows
 * entries of several standards (see namesStandards).
 */
export async function AuditEntry({
  row,
  here,
  namingStandard = false,
}: {
  row: AuditRow & { actorBadges?: RoleBadge[] };
  here?: Here;
  namingStandard?: boolean;
}) {
  const [t, locale] = await Promise.all([getTranslations("transparency"), readerLocale()]);
  const text = describeEntry(row, here, locale);
  const shown = (name: string, reference: Reference): ReactNode => {
    if (name === "actor") {
      return row.actorBadges && row.actorId ? (
        <PersonName name={reference.text} badges={row.actorBadges} />
      ) : (
        <span className="font-medium text-ink">{reference.text}</span>
      );
    }
    // Short names (call 3, SW-4) stay on one line; a thread's title may wrap.
    return reference.href ? (
      <Link
        href={reference.href}
        className={name === "thread" ? "underline" : "whitespace-nowrap underline"}
      >
        {reference.text}
      </Link>
    ) : (
      reference.text
    );
  };
  const nodes = Object.fromEntries(
    Object.entries(text.references).map(([name, reference]) => [name, shown(name, reference)]),
  );
  const raw = Object.entries(row.details).filter(([, value]) => value !== null);
  return (
    <li className="log-entry p-3" data-action={row.action}>
      <div className="flex flex-col sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
        <p className="min-w-0">
          {namingStandard && row.place ? (
            <span className="text-muted">{t("standardPrefix", { standard: row.place.name })}</span>
          ) : null}
          {withPeople((markers) => sentence(text, locale, markers), nodes)}
        </p>
        <time dateTime={row.at.toISOString()} className="shrink-0 text-sm text-muted">
          {formatMoment(row.at, locale)}
        </time>
      </div>
      {text.quotes.map((quote) => (
        <p key={quote.key} className="mt-1 text-sm">
          <span className="text-muted">{t(`words.${quote.key}`)}: </span>
          {quote.words}
        </p>
      ))}
      {row.hiddenText ? <p className="mt-1 text-sm italic text-muted">{t("hiddenText")}</p> : null}
      <details className="mt-1 text-xs text-muted">
        <summary className="cursor-pointer">{t("record.summary", { id: row.id })}</summary>
        <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 font-mono">
          {[
            ["at", row.at.toISOString()],
            ["action", row.action],
            ["subject", `${row.subjectType} ${row.subjectId}`],
            ...raw.map(([key, value]) => [key, String(value)]),
          ].map(([key, value]) => (
            <div key={key} className="contents">
              <dt>{key}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
      </details>
    </li>
  );
}
