import { UTC } from "@/lib/locale";

/*
 * Deadlines are set and enforced in UTC, so a deadline always states its UTC time; a reader who
 * chose another time zone sees the moment on their own clock first, with the UTC time beside it.
 * Pure (Intl only), so the pages and their tests format alike.
 */

const withDate: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};
const timeOnly: Intl.DateTimeFormatOptions = {
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

/** The calendar day a moment falls on in a time zone, comparable between zones. */
function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, dateStyle: "short" }).format(at);
}

/**
 * A deadline for a reader: "12 déc. 2026, 15:00 UTC+1 (14:00 UTC)", the UTC part naming its day
 * only when that differs from the reader's; for a reader on UTC, the UTC time once.
 */
export function deadlineText(at: Date, locale: string, timeZone: string): string {
  const utc = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: UTC }).format(at);
  if (timeZone === UTC) return utc(withDate);
  const local = new Intl.DateTimeFormat(locale, { ...withDate, timeZone }).format(at);
  const sameDay = dayIn(at, timeZone) === dayIn(at, UTC);
  return `${local} (${utc(sameDay ? timeOnly : withDate)})`;
}
