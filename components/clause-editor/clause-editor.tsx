"use client";

import { HocuspocusProvider } from "@hocuspocus/provider";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { type Editor, EditorContent, useEditor } from "@tiptap/react";
import { absolutePositionToRelativePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { clauseTextExtensions } from "@/lib/collab/extensions";
import type { ClauseField } from "@/lib/drafting/rich-text";
import { QUOTE_EVENT } from "./quote-event";
import { Rfc2119Highlight } from "./rfc2119-highlight";

type Status = "connecting" | "connected" | "disconnected";
type Person = { name: string; color: string };

async function fetchToken(): Promise<string> {
  const response = await fetch("/api/collab/token", { cache: "no-store" });
  if (!response.ok) return "";
  return ((await response.json()) as { token: string }).token;
}

function collabUrl(publicUrl: string | null, port: number): string {
  if (publicUrl) return publicUrl;
  const protocol = window.location.protocol === "https:" ? "wss" : "ws";
  return `${protocol}://${window.location.hostname}:${port}`;
}

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
}: {
  field: ClauseField;
  label: string;
  document: Y.Doc;
  provider: HocuspocusProvider;
  user: Person;
}) {
  const t = useTranslations("drafting.editor");
  const [selected, setSelected] = useState(false);
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
      attributes: {
        "aria-label": label,
        "aria-multiline": "true",
        role: "textbox",
        "data-field": field,
        class:
          "prose-clause min-h-24 rounded-md border border-line bg-white px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-accent",
      },
    },
  });
  return (
    <div className="mb-4">
      <p className="mb-1 text-sm font-medium">{label}</p>
      <EditorContent editor={editor} />
      {selected && editor ? (
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

/**
 * The three text fields of one clause, edited together by everyone on the page: one Yjs
 * document per clause, kept by the collab server, with each person's caret and name.
 */
export function ClauseEditor({
  clauseId,
  user,
  collabPort,
  collabPublicUrl,
}: {
  clauseId: string;
  user: Person;
  collabPort: number;
  collabPublicUrl: string | null;
}) {
  const t = useTranslations("drafting.editor");
  const [session, setSession] = useState<{ document: Y.Doc; provider: HocuspocusProvider } | null>(
    null,
  );
  const [status, setStatus] = useState<Status>("connecting");
  const [unsynced, setUnsynced] = useState(0);
  const [synced, setSynced] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    const document = new Y.Doc();
    const provider = new HocuspocusProvider({
      url: collabUrl(collabPublicUrl, collabPort),
      name: `clause:${clauseId}`,
      document,
      token: fetchToken,
    });
    provider.on("status", ({ status: next }: { status: Status }) => setStatus(next));
    provider.on("unsyncedChanges", ({ number }: { number: number }) => setUnsynced(number));
    provider.on("synced", ({ state }: { state: boolean }) => setSynced(state));
    provider.on("authenticationFailed", ({ reason }: { reason: string }) => setRefusal(reason));
    setSession({ document, provider });
    // Warn before leaving while edits have not reached the server yet.
    const warn = (event: BeforeUnloadEvent) => {
      if (provider.hasUnsyncedChanges) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      provider.destroy();
      document.destroy();
    };
  }, [clauseId, collabPort, collabPublicUrl]);

  // Until the first sync the editors are empty: say so rather than "All changes saved".
  const state = refusal
    ? "refused"
    : status === "connected" && !synced
      ? "connecting"
      : status === "connected" && unsynced > 0
        ? "saving"
        : status;
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
          {refusal ? t("refused", { reason: refusal }) : t(`status.${state}`)}
        </p>
      </div>
      {session ? (
        (["body", "assessment", "examples"] as const).map((field) => (
          <FieldEditor
            key={field}
            field={field}
            label={t(`fields.${field}`)}
            document={session.document}
            provider={session.provider}
            user={user}
          />
        ))
      ) : (
        <p className="text-muted">{t("status.connecting")}</p>
      )}
    </section>
  );
}
