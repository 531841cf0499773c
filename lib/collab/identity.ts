/** Who a person is in the editor: the name and caret colour everyone else sees. */
export type CollabIdentity = { name: string; color: string };

const caretColors = ["#b91c1c", "#c2410c", "#15803d", "#0e7490", "#1d4ed8", "#7e22ce", "#be185d"];

/** A stable caret colour per person, the same on the page and on the collab server. */
export function caretColor(userId: string): string {
  const sum = [...userId].reduce((total, char) => total + char.charCodeAt(0), 0);
  return caretColors[sum % caretColors.length] ?? "#1d4ed8";
}

/** Largest awareness state (as JSON) that is passed on; a caret needs a few hundred bytes. */
export const MAX_AWARENESS_STATE_BYTES = 2 * 1024;

/**
 * The awareness state others receive for a client: the caret position it sent, if small enough,
 * and the identity the server vouches for. Everything else a client puts there is dropped, so
 * nobody can broadcast a large blob or call themselves someone else.
 */
export function vouchedAwarenessState(
  sent: Record<string, unknown>,
  identity: CollabIdentity,
): Record<string, unknown> {
  const state: Record<string, unknown> = { user: { name: identity.name, color: identity.color } };
  const cursor = sent.cursor;
  if (cursor === null || (typeof cursor === "object" && !Array.isArray(cursor))) {
    const withCursor = { ...state, cursor };
    if (JSON.stringify(withCursor).length <= MAX_AWARENESS_STATE_BYTES) return withCursor;
  }
  return state;
}
