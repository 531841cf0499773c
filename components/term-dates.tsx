import { getFormatter, getTranslations } from "next-intl/server";

/** "1 Jan 2026 – present" or "1 Jan 2025 – 31 Dec 2025" (the last day of the term). */
export async function TermDates({ startsAt, endsAt }: { startsAt: Date; endsAt: Date | null }) {
  const [format, t] = await Promise.all([getFormatter(), getTranslations("groups")]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  const lastDay = endsAt ? new Date(endsAt.getTime() - 1) : null;
  return (
    <span>
      {day(startsAt)} – {lastDay ? day(lastDay) : t("present")}
    </span>
  );
}
