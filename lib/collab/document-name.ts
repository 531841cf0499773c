const DOCUMENT_NAME = /^clause:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The Yjs document of one clause; its name is all a client says about what it edits. */
export const documentNameOf = (clauseId: string) => `clause:${clauseId}`;

export function clauseIdOf(documentName: string): string {
  const clauseId = DOCUMENT_NAME.exec(documentName)?.[1];
  if (!clauseId) throw new CollabRefusal(`unknown document ${documentName}`);
  return clauseId;
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
