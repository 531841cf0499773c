import { getFormatter, getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Countdown } from "@/components/decisions/countdown";
import { deadlineText } from "@/lib/deadline-time";
import { commentsClosedOn } from "@/lib/decisions/call-labels";
import { deadlineOf } from "@/lib/decisions/rules";
import { UTC } from "@/lib/locale";

type DeadlineKind = ReturnType<typeof deadlineOf>["kind"];

/**
 * A call's moment in a sentence, always with its UTC time: for a reader on UTC the sentence says
 * "UTC" after the moment; for anyone else the moment is on their clock, the UTC time beside it.
 */
async function deadlineSentence(kind: DeadlineKind | "comments_closed", at: Date) {
  const [timeZone, locale, format] = await Promise.all([
    getTimeZone(),
    getLocale(),
    getFormatter(),
  ]);
  if (timeZone === UTC) {
    const t = await getTranslations("decisions.deadline");
    return t(kind, { when: format.dateTime(at, { dateStyle: "medium", timeStyle: "short" }) });
  }
  const t = await getTranslations("decisions.deadlineLocal");
  return t(kind, { when: deadlineText(at, locale, timeZone) });
}

/**
 * A call's deadline in words, the one its phase has: when comments close, when the advisory
 * group decides by, until when appeals may be made, or when it closed. A countdown goes with it
 * only while something is pending.
 */
export async function CallDeadline({ call }: { call: Parameters<typeof deadlineOf>[0] }) {
  const deadline = deadlineOf(call);
  return (
    <span>
      {await deadlineSentence(deadline.kind, deadline.at)}
      {deadline.event ? (
        <>
          {" · "}
          <strong>
            <Countdown deadline={deadline.at.toISOString()} renderedAt={new Date().toISOString()} />
          </strong>
        </>
      ) : null}
    </span>
  );
}

/**
 * Past the comment period, while the advisory group decides or appeals may be made, when comments
 * closed, as an item of the call's header list: the deadline line names only the later moment.
 * Nothing where that line says it already.
 */
export async function CallCommentsClosed({ call }: { call: Parameters<typeof deadlineOf>[0] }) {
  const closed = commentsClosedOn(call);
  if (!closed) return null;
  return <li>{await deadlineSentence("comments_closed", closed)}</li>;
}
