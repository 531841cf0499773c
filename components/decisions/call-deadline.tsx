import { getFormatter, getTranslations } from "next-intl/server";
import { Countdown } from "@/components/decisions/countdown";
import { commentsClosedOn } from "@/lib/decisions/call-labels";
import { deadlineOf } from "@/lib/decisions/rules";

/**
 * A call's deadline in words, the one its phase has: when comments close, when the advisory
 * group decides by, until when appeals may be made, or when it closed. A countdown goes with it
 * only while something is pending.
 */
export async function CallDeadline({ call }: { call: Parameters<typeof deadlineOf>[0] }) {
  const [t, format] = await Promise.all([getTranslations("decisions.deadline"), getFormatter()]);
  const deadline = deadlineOf(call);
  const when = format.dateTime(deadline.at, { dateStyle: "medium", timeStyle: "short" });
  return (
    <span>
      {t(deadline.kind, { when })}
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
  const [t, format] = await Promise.all([getTranslations("decisions.deadline"), getFormatter()]);
  return (
    <li>
      {t("comments_closed", {
        when: format.dateTime(closed, { dateStyle: "medium", timeStyle: "short" }),
      })}
    </li>
  );
}
