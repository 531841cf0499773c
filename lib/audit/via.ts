import { AsyncLocalStorage } from "node:async_hooks";

/**
 * How a change reached Hum when it did not come from the person's own browser: a program using
 * one of their access tokens. Set around the mutation by the API (lib/api), and written into
 * every audit entry the mutation records, in the same insert, so the record says "through the
 * token named …" whatever the mutation.
 */
export type AuditVia = { token: string };

const via = new AsyncLocalStorage<AuditVia>();

export function withAuditVia<T>(how: AuditVia, run: () => Promise<T>): Promise<T> {
  return via.run(how, run);
}

/** The token the change at hand comes through, if it comes through one. */
export function currentAuditVia(): AuditVia | null {
  return via.getStore() ?? null;
}

/** The details an entry is recorded with: its own, and the token's name when there is one. */
export function detailsWithVia<D extends Record<string, string | number | boolean | null>>(
  details: D | undefined,
): D | (D & { token: string }) | Record<string, never> {
  const how = via.getStore();
  if (!how) return details ?? {};
  return { ...(details ?? ({} as D)), token: how.token };
}
