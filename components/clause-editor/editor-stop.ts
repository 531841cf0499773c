/**
 * Why the collab server stopped this editor for good, read from the reason it gave, or null for
 * an ordinary disconnection the provider recovers from by itself. The server ends one clause's
 * connection (a CollabRefusal in lib/collab/guard.ts, or the internal close after a retirement)
 * with a reason string and no code the browser sees; reconnecting would not help, since a
 * read-only clause stays read-only and a refused update would be sent, and refused, again.
 */
export type EditorStop = { kind: "read-only" } | { kind: "refused"; reason: string };

export function editorStop(reason: string | undefined): EditorStop | null {
  if (!reason) return null;
  if (/\bread-only\b/.test(reason)) return { kind: "read-only" };
  const refused = /^refused: (.+)$/s.exec(reason);
  return refused?.[1] ? { kind: "refused", reason: refused[1] } : null;
}
