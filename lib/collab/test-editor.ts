import type { Node } from "@tiptap/pm/model";
import { EditorState, type Transaction } from "@tiptap/pm/state";
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { clauseTextSchema } from "@/lib/collab/extensions";
import type { ClauseField } from "@/lib/drafting/rich-text";

// The browser editor without a browser, for tests: a field read into ProseMirror through the
// editor's schema, changed by a transaction, and written back as y-tiptap's sync plugin does.

/** The origin of the editor's own changes: the ones its undo manager tracks. */
export const editorOrigin = { editor: "test" };

/** One field as the editor holds it; an empty field gets the empty paragraph the editor shows. */
export function editorDoc(doc: Y.Doc, field: ClauseField): Node {
  const root = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(field), clauseTextSchema);
  return root.childCount > 0 ? root : (clauseTextSchema.topNodeType.createAndFill() ?? root);
}

/** Every position where text can go, in document order. */
export function textPositions(doc: Node): number[] {
  const positions: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    for (let at = 0; at <= node.content.size; at++) positions.push(pos + 1 + at);
    return false;
  });
  return positions;
}

/** Makes a change in the editor of one field; says whether the change did anything. */
export function editInEditor(
  doc: Y.Doc,
  field: ClauseField,
  change: (tr: Transaction) => void,
): boolean {
  const tr = EditorState.create({ doc: editorDoc(doc, field) }).tr;
  change(tr);
  if (!tr.docChanged) return false;
  doc.transact(() => {
    updateYFragment(doc, doc.getXmlFragment(field), tr.doc, {
      mapping: new Map(),
      isOMark: new Map(),
    });
  }, editorOrigin);
  return true;
}

/** The editor's undo: the collaboration extension's, which undoes only this editor's changes. */
export function editorUndo(doc: Y.Doc, field: ClauseField): Y.UndoManager {
  return new Y.UndoManager(doc.getXmlFragment(field), {
    trackedOrigins: new Set([editorOrigin]),
    captureTimeout: 0,
  });
}
