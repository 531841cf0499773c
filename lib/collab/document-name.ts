import { clauseFields } from "@/lib/drafting/rich-text";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const DOCUMENT_NAME = new RegExp(`^(clause|section):(${UUID})$`);

/** What a live document holds: a clause's text, or a prose section's. */
export type DocumentKind = "clause" | "section";
export type DocumentTarget = { kind: DocumentKind; id: string };

/** The Yjs document of one clause; its name is all a client says about what it edits. */
export const documentNameOf = (clauseId: string) => `clause:${clauseId}`;

/** The Yjs document of one prose section. */
export const sectionDocumentNameOf = (sectionId: string) => `section:${sectionId}`;

/** The fields (top-level XML fragments) each kind of document has: a section has its body only. */
export const sectionFields = ["body"] as const;
export const fieldsOfKind = (kind: DocumentKind): readonly string[] =>
  kind === "clause" ? clauseFields : sectionFields;

/** What a document name refers to; anything else is refused. */
export function targetOf(documentName: string): DocumentTarget {
  const match = DOCUMENT_NAME.exec(documentName);
  if (!match?.[1] || !match[2]) throw new CollabRefusal(`unknown document ${documentName}`);
  return { kind: match[1] as DocumentKind, id: match[2] };
}

export function clauseIdOf(documentName: string): string {
  const target = targetOf(documentName);
  if (target.kind !== "clause") throw new CollabRefusal(`unknown document ${documentName}`);
  return target.id;
}

/** Closes the connection with a reason the provider reports; the message is not applied. */
export class CollabRefusal extends Error {
  readonly code = 4403;
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}
