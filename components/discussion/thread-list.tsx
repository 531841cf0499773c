import { getFormatter, getTranslations } from "next-intl/server";
import { CommentBody } from "@/components/discussion/comment-body";
import { PersonName, withPeople } from "@/components/person-name";
import { holdsRole } from "@/lib/community/rules";
import type { Viewer } from "@/lib/community/viewer";
import { objectionLabel } from "@/lib/decisions/call-labels";
import type { CallState } from "@/lib/decisions/rules";
import type { CommentView, ThreadView } from "@/lib/discussion/queries";
import { threadAnchor } from "@/lib/paths";
import {
  HideCommentForm,
  OwnCommentForms,
  OwnObjection,
  ReplyForm,
  ThreadStatusForm,
} from "./discussion-forms";

async function Comment({
  comment,
  viewer,
  threadId,
  nested,
  openForm,
}: {
  comment: CommentView;
  viewer: Viewer | null;
  threadId: string;
  nested: boolean;
  openForm?: string;
}) {
  const [t, format] = await Promise.all([getTranslations("discussion"), getFormatter()]);
  const moderator = viewer ? holdsRole(viewer.roles, "advisory_group") : false;
  return (
    <li className={nested ? "mt-3 border-l-2 border-line pl-4" : "mt-3"}>
      <p className="text-sm text-muted">
        <PersonName name={comment.author} badges={comment.authorBadges} /> ·{" "}
        <time dateTime={comment.createdAt.toISOString()}>
          {format.dateTime(comment.createdAt, { dateStyle: "medium", timeStyle: "short" })}
        </time>
        {comment.editedAt ? ` · ${t("edited")}` : null}
      </p>
      {comment.state === "deleted" ? <p className="text-muted italic">{t("deleted")}</p> : null}
      {comment.state === "hidden" ? (
        <p className="text-muted italic">{t("hidden", { reason: comment.hiddenReason ?? "" })}</p>
      ) : null}
      {comment.html ? <CommentBody html={comment.html} lang={comment.lang} /> : null}
      {comment.edits.length > 0 ? (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-muted">
            {t("history", { count: comment.edits.length })}
          </summary>
          <ol className="mt-1 space-y-2">
            {comment.edits.map((edit) => (
              <li key={edit.replacedAt.toISOString()} className="rounded border border-line p-2">
                <p className="text-xs text-muted">
                  {t("replacedAt", {
                    when: format.dateTime(edit.replacedAt, {
                      dateStyle: "medium",
                      timeStyle: "short",
                    }),
                  })}
                </p>
                <CommentBody html={edit.html} lang={comment.lang} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      <div className="mt-1 flex flex-wrap gap-4 text-sm">
        {viewer && comment.state !== "deleted" ? (
          <OwnCommentForms
            commentId={comment.id}
            source={viewer.standIn ? undefined : comment.source}
            openForm={openForm}
          />
        ) : null}
        {moderator && comment.state === "visible" ? (
          <HideCommentForm commentId={comment.id} open={openForm === `hide-${comment.id}`} />
        ) : null}
      </div>
      {!nested && viewer && comment.state !== "deleted" ? (
        <ReplyForm
          threadId={threadId}
          parentId={comment.id}
          label={t("replyTo", { name: comment.author })}
          open={openForm === `reply-${comment.id}`}
        />
      ) : null}
      {comment.replies.length > 0 ? (
        <ol>
          {comment.replies.map((child) => (
            <Comment
              key={child.id}
              comment={child}
              viewer={viewer}
              threadId={threadId}
              nested
              openForm={openForm}
            />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/**
 * A clause's threads, newest activity first; readable by everyone, writable when signed in.
 * `call` is the call the threads are objections to, whose outcome says where each one stands.
 * `openForm` names the one form drawn open, for a reader without scripts (`?form=`).
 */
export async function ThreadList({
  threads,
  viewer,
  call,
  openForm,
}: {
  threads: ThreadView[];
  viewer: Viewer | null;
  call?: Pick<CallState, "phase" | "agDecision">;
  openForm?: string;
}) {
  const t = await getTranslations("discussion");
  if (threads.length === 0) return <p className="text-muted">{t("none")}</p>;
  return (
    <ol className="space-y-4">
      {threads.map((thread) => (
        <li
          key={thread.id}
          id={threadAnchor(thread.id)}
          className="rounded-lg border border-line bg-white p-4"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="font-semibold" lang={thread.lang}>
              {thread.title}
            </h3>
            <p className="flex flex-wrap gap-2 text-xs font-medium">
              {/* An objection's one label says both what it is and where it stands. */}
              {thread.objectionState ? (
                <span className="rounded bg-red-50 px-2 py-0.5 text-danger">
                  {t(`objectionLabel.${objectionLabel(thread.objectionState, call)}`)}
                </span>
              ) : (
                <>
                  <span className="rounded bg-stone-100 px-2 py-0.5">
                    {t(`kinds.${thread.kind}`)}
                  </span>
                  <span className="rounded border border-line px-2 py-0.5">
                    {t(`status.${thread.status}`)}
                  </span>
                </>
              )}
            </p>
          </div>
          {thread.quote ? (
            <figure className="mt-2">
              <blockquote className="border-l-4 border-accent-soft pl-3 text-sm text-muted">
                {thread.quote}
              </blockquote>
              {thread.quoteState?.status === "removed" ? (
                <figcaption className="mt-1 text-sm text-danger">{t("quoteRemoved")}</figcaption>
              ) : thread.quoteState?.status === "attached" &&
                thread.quoteState.text &&
                thread.quoteState.text !== thread.quote ? (
                <figcaption className="mt-1 text-sm text-muted">
                  {t("quoteNow", { text: thread.quoteState.text })}
                </figcaption>
              ) : null}
            </figure>
          ) : null}
          {thread.status === "resolved" ? (
            <p className="mt-2 text-sm text-ok">
              {withPeople(
                (people) => t("resolvedBy", { ...people, reason: thread.resolution ?? "" }),
                {
                  name: <PersonName name={thread.resolver ?? ""} badges={thread.resolverBadges} />,
                },
              )}
            </p>
          ) : null}
          <ol>
            {thread.comments.map((comment) => (
              <Comment
                key={comment.id}
                comment={comment}
                viewer={viewer}
                threadId={thread.id}
                nested={false}
                openForm={openForm}
              />
            ))}
          </ol>
          {viewer ? (
            <div className="mt-3 flex flex-wrap gap-6">
              <ReplyForm
                threadId={thread.id}
                parentId={null}
                label={t("replyToThread")}
                open={openForm === `reply-${thread.id}`}
              />
              <ThreadStatusForm
                threadId={thread.id}
                status={thread.status}
                open={openForm === `status-${thread.id}`}
              />
            </div>
          ) : null}
          {viewer && thread.objectionState === "raised" ? (
            <OwnObjection
              threadId={thread.id}
              mine={viewer.standIn ? undefined : viewer.id === thread.createdBy}
            />
          ) : null}
        </li>
      ))}
    </ol>
  );
}
