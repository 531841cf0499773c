import * as Y from "yjs";
import { z } from "zod";
import { clauseFields } from "@/lib/drafting/rich-text";

/** Where a quoted span sits in a clause's Yjs document, as relative positions (JSON form). */
export const quoteAnchorSchema = z.object({
  field: z.enum(clauseFields),
  start: z.record(z.string(), z.unknown()),
  end: z.record(z.string(), z.unknown()),
});
export type QuoteAnchor = z.infer<typeof quoteAnchorSchema>;

export type QuoteState =
  | { status: "attached"; text: string }
  | { status: "removed" }
  | { status: "unknown" };

function textOf(type: Y.AbstractType<unknown>): string {
  return type instanceof Y.XmlText
    ? type
        .toDelta()
        .map((part: { insert?: unknown }) => (typeof part.insert === "string" ? part.insert : ""))
        .join("")
    : "";
}

/**
 * Finds the quoted words in the clause as it is now. Relative positions move with the text
 * around them, so edits before or after the quote leave it attached; when the words themselves
 * are deleted the span collapses and the quote is reported as removed.
 */
export function resolveQuote(state: Uint8Array | null, anchor: QuoteAnchor): QuoteState {
  if (!state) return { status: "unknown" };
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    doc.getXmlFragment(anchor.field); // make sure the field's type is defined before resolving
    const start = Y.createAbsolutePositionFromRelativePosition(
      Y.createRelativePositionFromJSON(anchor.start),
      doc,
    );
    const end = Y.createAbsolutePositionFromRelativePosition(
      Y.createRelativePositionFromJSON(anchor.end),
      doc,
    );
    if (!start || !end) return { status: "unknown" };
    if (start.type !== end.type) return { status: "attached", text: "" };
    const text = textOf(start.type).slice(start.index, end.index);
    return text.trim() === "" ? { status: "removed" } : { status: "attached", text };
  } catch {
    return { status: "unknown" };
  } finally {
    doc.destroy();
  }
}
