import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PersonName, withPeople } from "@/components/person-name";
import type { AuditRow } from "@/lib/audit/queries";
import { isAuditAction, isAuditSubjectType } from "@/lib/audit/rules";
import { displayName, type RoleBadge } from "@/lib/community/rules";

/**
 * One line of the public record: what happened, when, by whom, to what; with the actor's roles
 * where the page looked them up (a call's timeline).
 */
export async function AuditEntry({ row }: { row: AuditRow & { actorBadges?: RoleBadge[] } }) {
  const [t, format] = await Promise.all([getTranslations("transparency"), getFormatter()]);
  // Entries keep the names they were written under; a name Hum no longer uses is shown as is.
  const action = isAuditAction(row.action) ? t(`actions.${row.action}`) : row.action;
  const subjectType = isAuditSubjectType(row.subjectType)
    ? t(`subjects.${row.subjectType}`)
    : row.subjectType;
  const actor = row.actorId ? displayName({ id: row.actorId, name: row.actorName }) : t("system");
  const subject =
    row.subjectType === "user"
      ? row.subjectId === row.actorId
        ? null // "Ann signed in", not "Ann signed in · Ann"
        : displayName({ id: row.subjectId, name: row.subjectName })
      : `${subjectType} ${row.subjectId}`;
  const details = Object.entries(row.details).filter(([, value]) => value !== null);
  return (
    <li className="p-3">
      <p className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">{action}</span>
        <time dateTime={row.at.toISOString()} className="text-sm text-muted">
          {format.dateTime(row.at, { dateStyle: "medium", timeStyle: "short" })} UTC
        </time>
      </p>
      <p className="text-sm">
        {row.actorBadges && row.actorId
          ? withPeople((people) => t("by", people), {
              actor: <PersonName name={actor} badges={row.actorBadges} />,
            })
          : t("by", { actor })}
        {subject && (row.subjectType === "call" || row.subjectType === "release") ? (
          <>
            {" · "}
            <Link href={subjectLink(row.subjectType, row.subjectId)} className="underline">
              {subject}
            </Link>
          </>
        ) : subject ? (
          ` · ${subject}`
        ) : null}
      </p>
      {row.hiddenText ? <p className="text-sm italic text-muted">{t("hiddenText")}</p> : null}
      {details.length > 0 ? (
        <dl className="mt-1 flex flex-wrap gap-x-4 text-sm text-muted">
          {details.map(([key, value]) => (
            <div key={key} className="flex gap-1">
              <dt>{key}:</dt>
              <dd>{String(value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}

/** Calls and releases are recorded as "slug/number" and "slug/version". */
function subjectLink(type: "call" | "release", subjectId: string): string {
  const [slug, key] = subjectId.split("/");
  return type === "call" ? `/standards/${slug}/calls/${key}` : `/standards/${slug}/v/${key}`;
}
