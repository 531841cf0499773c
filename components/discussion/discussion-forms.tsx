"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef, useState } from "react";
import {
  deleteCommentAction,
  editCommentAction,
  hideCommentAction,
  openThreadAction,
  replyAction,
  settleObjectionAction,
  threadStatusAction,
  watchAction,
} from "@/app/standards/[slug]/draft/discussion-actions";
import { QUOTE_EVENT, type QuoteDetail } from "@/components/clause-editor/quote-event";
import { NewThreadFields } from "@/components/discussion/thread-fields";
import { useMine } from "@/components/personal";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/use-action-form";
import { threadKinds } from "@/lib/discussion/rules";

/**
 * A form behind its summary, drawn only once opened: a discussion has a reply, hide, edit and
 * delete form per comment, and drawing them all made a busy clause page several times heavier.
 * Without scripts the summary opens onto a link that asks the server for the page with this one
 * form open (`?form=`, read by the page and passed down as `open`).
 */
function Deferred({
  name,
  open: openAtFirst = false,
  className,
  summary,
  summaryClassName = "cursor-pointer",
  children,
}: {
  /** Names this form in the page's address and anchors it. */
  name: string;
  open?: boolean;
  className?: string;
  summary: string;
  summaryClassName?: string;
  children: () => ReactNode;
}) {
  const t = useTranslations("discussion");
  const [open, setOpen] = useState(openAtFirst);
  const details = useRef<HTMLDetailsElement>(null);
  // Opened before the page's scripts ran: show the form rather than the link.
  useEffect(() => {
    if (details.current?.open) setOpen(true);
  }, []);
  const anchor = `${name}-panel`;
  return (
    <details
      ref={details}
      id={anchor}
      className={className}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className={summaryClassName}>{summary}</summary>
      {open ? (
        children()
      ) : (
        <a href={`?form=${encodeURIComponent(name)}#${anchor}`} className="mt-2 block text-sm">
          {t("showForm")}
        </a>
      )}
    </details>
  );
}

export function NewThreadForm({ clauseId }: { clauseId: string }) {
  const t = useTranslations("discussion");
  const form = useActionForm(openThreadAction, { resetOnSuccess: true });
  const quoteRef = useRef<HTMLInputElement>(null);
  const anchorRef = useRef<HTMLInputElement>(null);
  // A quote taken from the editor arrives with its anchor; typing in the field drops the anchor.
  useEffect(() => {
    const take = (event: Event) => {
      const { text, anchor } = (event as CustomEvent<QuoteDetail>).detail;
      if (quoteRef.current) quoteRef.current.value = text;
      if (anchorRef.current) anchorRef.current.value = anchor;
      quoteRef.current?.form?.scrollIntoView({ behavior: "smooth", block: "start" });
      quoteRef.current?.form?.querySelector<HTMLInputElement>("#thread-title")?.focus();
    };
    window.addEventListener(QUOTE_EVENT, take);
    return () => window.removeEventListener(QUOTE_EVENT, take);
  }, []);
  return (
    <form {...form.formProps} noValidate className="max-w-3xl">
      <input type="hidden" name="clauseId" value={clauseId} />
      <input type="hidden" name="anchor" ref={anchorRef} defaultValue="" />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <NewThreadFields
        kinds={threadKinds}
        titleId="thread-title"
        bodyId="thread-body"
        fieldError={form.fieldError}
      >
        <TextField
          id="quote"
          label={t("quote")}
          hint={t("quoteHint")}
          maxLength={2000}
          ref={quoteRef}
          onInput={() => {
            if (anchorRef.current) anchorRef.current.value = "";
          }}
          error={form.fieldError("quote")}
        />
      </NewThreadFields>
      <SubmitButton pendingLabel={t("posting")}>{t("open")}</SubmitButton>
    </form>
  );
}

export function ReplyForm({
  threadId,
  parentId,
  label,
  open,
}: {
  threadId: string;
  parentId: string | null;
  label: string;
  open?: boolean;
}) {
  const t = useTranslations("discussion");
  const form = useActionForm(replyAction, { resetOnSuccess: true });
  const fieldId = `reply-${parentId ?? threadId}`;
  return (
    <Deferred
      name={fieldId}
      open={open}
      className="mt-2"
      summary={label}
      summaryClassName="cursor-pointer text-sm"
    >
      {() => (
        <form {...form.formProps} noValidate className="mt-2">
          <input type="hidden" name="threadId" value={threadId} />
          <input type="hidden" name="parentId" value={parentId ?? ""} />
          {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
          <TextAreaField
            id={fieldId}
            name="body"
            label={t("reply")}
            hint={t("markdownHint")}
            rows={3}
            required
            error={form.fieldError("body")}
          />
          <SubmitButton pendingLabel={t("posting")}>{t("send")}</SubmitButton>
        </form>
      )}
    </Deferred>
  );
}

export function EditCommentForm({
  commentId,
  body,
  open,
}: {
  commentId: string;
  body: string;
  open?: boolean;
}) {
  const t = useTranslations("discussion");
  const form = useActionForm(editCommentAction);
  return (
    <Deferred name={`edit-${commentId}`} open={open} summary={t("edit")}>
      {() => (
        <form {...form.formProps} noValidate className="mt-2">
          <input type="hidden" name="commentId" value={commentId} />
          {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
          <TextAreaField
            id={`edit-${commentId}`}
            name="body"
            label={t("editLabel")}
            defaultValue={body}
            rows={3}
            error={form.fieldError("body")}
          />
          <SubmitButton pendingLabel={t("posting")}>{t("saveEdit")}</SubmitButton>
        </form>
      )}
    </Deferred>
  );
}

export function DeleteCommentForm({ commentId, open }: { commentId: string; open?: boolean }) {
  const t = useTranslations("discussion");
  const form = useActionForm(deleteCommentAction);
  return (
    <Deferred
      name={`delete-${commentId}`}
      open={open}
      summary={t("delete")}
      summaryClassName="cursor-pointer text-danger"
    >
      {() => (
        <form {...form.formProps} className="mt-2">
          <input type="hidden" name="commentId" value={commentId} />
          {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
          <SubmitButton variant="danger" pendingLabel={t("posting")}>
            {t("confirmDelete")}
          </SubmitButton>
        </form>
      )}
    </Deferred>
  );
}

export function HideCommentForm({ commentId, open }: { commentId: string; open?: boolean }) {
  const t = useTranslations("discussion");
  const form = useActionForm(hideCommentAction);
  return (
    <Deferred
      name={`hide-${commentId}`}
      open={open}
      summary={t("hide")}
      summaryClassName="cursor-pointer text-danger"
    >
      {() => (
        <form {...form.formProps} noValidate className="mt-2">
          <input type="hidden" name="commentId" value={commentId} />
          {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
          <TextField
            id={`hide-${commentId}`}
            name="reason"
            label={t("hideReason")}
            required
            error={form.fieldError("reason")}
          />
          <SubmitButton variant="danger" pendingLabel={t("posting")}>
            {t("confirmHide")}
          </SubmitButton>
        </form>
      )}
    </Deferred>
  );
}

export function ThreadStatusForm({
  threadId,
  status,
  open,
}: {
  threadId: string;
  status: "open" | "resolved";
  open?: boolean;
}) {
  const t = useTranslations("discussion");
  const form = useActionForm(threadStatusAction);
  const next = status === "open" ? "resolved" : "open";
  return (
    // Keyed by status so that after a change it starts closed, showing the next step.
    <Deferred
      key={status}
      name={`status-${threadId}`}
      open={open}
      className="mt-2"
      summary={t(next === "resolved" ? "resolve" : "reopen")}
      summaryClassName="cursor-pointer text-sm"
    >
      {() => (
        <form {...form.formProps} noValidate className="mt-2">
          <input type="hidden" name="threadId" value={threadId} />
          <input type="hidden" name="status" value={next} />
          {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
          <TextField
            id={`status-${threadId}`}
            name="reason"
            label={t("why")}
            required
            error={form.fieldError("reason")}
          />
          <SubmitButton variant="secondary" pendingLabel={t("posting")}>
            {t(next === "resolved" ? "confirmResolve" : "confirmReopen")}
          </SubmitButton>
        </form>
      )}
    </Deferred>
  );
}

export function SettleObjectionForm({ threadId }: { threadId: string }) {
  const t = useTranslations("discussion");
  const form = useActionForm(settleObjectionAction);
  return (
    <form {...form.formProps} className="mt-2 flex flex-wrap items-center gap-2">
      <input type="hidden" name="threadId" value={threadId} />
      {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
      <SubmitButton name="state" value="withdrawn" variant="secondary" pendingLabel={t("posting")}>
        {t("withdraw")}
      </SubmitButton>
      <SubmitButton name="state" value="sustained" variant="secondary" pendingLabel={t("posting")}>
        {t("sustain")}
      </SubmitButton>
    </form>
  );
}

export function WatchForm({
  target,
  targetId,
  watching: given,
  label,
}: {
  target: "standard" | "module" | "clause" | "thread";
  targetId: string;
  /** Left out on a page kept for the reader's audience: their page's data says. */
  watching?: boolean;
  label: string;
}) {
  const t = useTranslations("discussion");
  const form = useActionForm(watchAction);
  const watching = useMine(given, (personal) =>
    personal.watching.includes(`${target}:${targetId}`),
  );
  if (watching === null) return null;
  return (
    <form {...form.formProps} className="inline">
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="targetId" value={targetId} />
      <input type="hidden" name="on" value={watching ? "false" : "true"} />
      <SubmitButton variant="secondary" pendingLabel={t("posting")}>
        {watching ? t("unwatch", { what: label }) : t("watch", { what: label })}
      </SubmitButton>
    </form>
  );
}

/** A comment's edit and delete forms, for its author: `source` is theirs to edit. */
export function OwnCommentForms({
  commentId,
  source: given,
  openForm,
}: {
  commentId: string;
  /** Null for someone else's comment; left out on a page kept for the reader's audience. */
  source?: string | null;
  openForm?: string;
}) {
  const source = useMine(given, (personal) => personal.threads.sources[commentId] ?? null);
  if (source === null) return null;
  return (
    <>
      <EditCommentForm
        commentId={commentId}
        body={source}
        open={openForm === `edit-${commentId}`}
      />
      <DeleteCommentForm commentId={commentId} open={openForm === `delete-${commentId}`} />
    </>
  );
}

/** Withdrawing a raised objection, for the one who raised it. */
export function OwnObjection({ threadId, mine }: { threadId: string; mine?: boolean }) {
  const raisedByReader = useMine(mine, (personal) => personal.threads.settle.includes(threadId));
  return raisedByReader ? <SettleObjectionForm threadId={threadId} /> : null;
}
