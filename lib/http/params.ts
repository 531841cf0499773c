import { CLAUSE_REF, SLUG, VERSION } from "@/lib/validation";

/** The shapes of the address segments route handlers accept. */
const shapes = { slug: SLUG, version: VERSION, ref: CLAUSE_REF } as const;
export type ParamKind = keyof typeof shapes;

/**
 * Whether each address segment has its expected shape. Checked before any query: a NUL byte or
 * a stray character would otherwise reach PostgreSQL and fail as a server error.
 */
export function wellFormedParams(values: Partial<Record<ParamKind, string>>): boolean {
  return Object.entries(values).every(([kind, value]) =>
    shapes[kind as ParamKind].test(value ?? ""),
  );
}

/** The answer to an address that names nothing; it does not repeat the address. */
export function malformedAddress(): Response {
  return new Response("Not found.\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** decodeURIComponent that keeps a malformed escape (a lone "%") as it was written. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Whether an address's path holds a control character, raw or percent-encoded (`%00`): no page
 * has one, and a NUL byte that reached a query would fail in PostgreSQL as a server error.
 */
export function hasControlCharacter(pathname: string): boolean {
  return /\p{Cc}|%(?:[01][0-9a-f]|7f)/iu.test(pathname);
}
