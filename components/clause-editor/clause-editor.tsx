"use client";

import type { HocuspocusProvider } from "@hocuspocus/provider";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { type Editor, EditorContent, useEditor } from "@tiptap/react";
import { absolutePositionToRelativePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import * as Y from "yjs";
import { usePersonal } from "@/components/personal";
import { clauseTextExtensions } from "@/lib/collab/extensions";
import type { ClauseField } from "@/lib/drafting/rich-text";
import { QUOTE_EVENT } from "./quote-event";
import { Rfc2119Highlight } from "./rfc2119-highlight";
import { useCollabSession } from "./use-collab-session";

type Person = { name: string; color: string };

/** Tells the thread form on the page which words to quote, and where they sit in the text. */
function announceQuote(editor: Editor, field: ClauseField): void {
  const { from, to, empty } = editor.state.selection;
  const sync = ySyncPluginKey.getState(editor.state);
  if (empty || !sync?.binding) return;
  const position = (at: number) =>
    Y.relativePositionToJSON(
      absolutePositionToRelativePosition(at, sync.type, sync.binding.mapping),
    );
  const detail = {
    text: editor.state.doc.textBetween(from, to, " "),
    anchor: JSON.stringify({ field, start: position(from), end: position(to) }),
  };
  window.dispatchEvent(new CustomEvent(QUOTE_EVENT, { detail }));
}

function FieldEditor({
  field,
  label,
  document,
  provider,
  user,
  readOnly,
  quotable,
}: {
  quotable: boolean;
  field: ClauseField;
  label: string;
  document: Y.Doc;
  provider: HocuspocusProvider;
  user: Person;
  readOnly: boolean;
}) {
  const t = useTranslations("drafting.editor");
  const [selected, setSelected] = useState(false);
  // Read when ProseMirror recomputes the attributes, which setEditable makes it do.
  const readOnlyNow = useRef(readOnly);
  readOnlyNow.current = readOnly;
  const editor = useEditor({
    immediatelyRender: false,
    extensions: [
      ...clauseTextExtensions,
      Rfc2119Highlight,
      Collaboration.configure({ document, field }),
      CollaborationCaret.configure({ provider, user }),
    ],
    onSelectionUpdate: ({ editor: current }) => setSelected(!current.state.selection.empty),
    editorProps: {
      attributes: () => ({
        "aria-label": label,
        "aria-multiline": "true",
        "aria-readonly": String(readOnlyNow.current),
        role: "textbox",
        "data-field": field,
        class:
          "prose-clause min-h-24 rounded-md border border-line bg-white px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-accent",
      }),
    },
  });
  // useEditor keeps an editor's editable flag across renders: it is changed here.
  useEffect(() => {
    if (editor && editor.isEditable === readOnly) editor.setEditable(!readOnly, false);
  }, [editor, readOnly]);
  return (
    <div className="mb-4">
      <p className="mb-1 text-sm font-medium">{label}</p>
      <EditorContent editor={editor} />
      {quotable && selected && editor ? (
        <button
          type="button"
          className="mt-1 text-sm text-accent underline"
          // Keep the selection: the click must not move focus out of the editor first.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => announceQuote(editor, field)}
        >
          {t("quote")}
        </button>
      ) : null}
    </div>
  );
}

const clauseFieldList = ["body", "assessment", "examples"] as const;

/**
 * The three text fields of one clause, edited together by everyone on the page: one Yjs
 * document per clause, kept by the collab server, with each person's caret and name. A prose
 * section's document (`section:<id>`) is edited the same way, with its one field.
 */
export function ClauseEditor({
  clauseId,
  user,
  collabPort,
  collabPublicUrl,
  section,
}: {
  clauseId: string;
  /** Left out on a page kept for the reader's audience: their page's data names them. */
  user?: Person;
  collabPort: number;
  collabPublicUrl: string | null;
  /** Set for a section: its document holds only a body, labelled with this. */
  section?: { bodyLabel: string; readOnlyNow: string };
}) {
  const t = useTranslations("drafting.editor");
  const personal = usePersonal();
  const person = useMemo(
    () => user ?? (personal ? { name: personal.name, color: personal.color } : null),
    [user, personal],
  );
  const { session, status, unsynced, synced, stop } = useCollabSession(
    section ? `section:${clauseId}` : `clause:${clauseId}`,
    collabPort,
    collabPublicUrl,
  );
  // Until the first sync the editors are empty: say so rather than "All changes saved".
  const live =
    status === "connected" && !synced
      ? "connecting"
      : status === "connected" && unsynced > 0
        ? "saving"
        : status;
  const state = stop?.kind ?? live;
  const message =
    stop?.kind === "read-only"
      ? (section?.readOnlyNow ?? t("readOnlyNow"))
      : stop?.kind === "refused"
        ? t("updateRefused", { reason: stop.reason })
        : stop
          ? t("refused", { reason: stop.reason })
          : t(`status.${live}`);
  return (
    <section aria-labelledby="editor-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="editor-heading" className="text-xl font-semibold">
          {t("title")}
        </h2>
        <p role="status" data-state={state} className="text-sm text-muted">
          <span
            aria-hidden="true"
            className={`mr-2 inline-block size-2 rounded-full ${state === "connected" ? "bg-ok" : state === "saving" ? "bg-amber-500" : "bg-danger"}`}
          />
          {message}
        </p>
      </div>
      {session && person ? (
        (section ? (["body"] as const) : clauseFieldList).map((field) => (
          <FieldEditor
            key={field}
            field={field}
            label={section ? section.bodyLabel : t(`fields.${field}`)}
            document={session.document}
            provider={session.provider}
            user={person}
            readOnly={stop !== null}
            quotable={!section} // a section has no threads to quote into
          />
        ))
      ) : (
        <p className="text-muted">{t("status.connecting")}</p>
      )}
    </section>
  );
}
