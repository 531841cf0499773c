import { z } from "zod";
import { ApiProblem } from "@/lib/api/problem";

/*
 * Cursor paging. A list is in a stable order (its sort keys end with a unique one), and a
 * cursor is the last row's keys, opaque to callers: a page never repeats or skips a row when
 * rows are added meanwhile.
 */

export const MAX_LIMIT = 100;

export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(50)
    .describe(`How many items a page holds, 1 to ${MAX_LIMIT}.`),
  cursor: z
    .string()
    .max(300)
    .optional()
    .describe("The `next` of the page before; omitted for the first page."),
};

export type CursorKey = string | number;

export function encodeCursor(keys: readonly CursorKey[]): string {
  return Buffer.from(JSON.stringify(keys)).toString("base64url");
}

/** The keys a cursor holds, `count` of them of the given kinds, or a 400 naming `cursor`. */
export function decodeCursor<const K extends readonly ("string" | "number")[]>(
  cursor: string,
  kinds: K,
): { [I in keyof K]: K[I] extends "number" ? number : string } {
  let keys: unknown;
  try {
    keys = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    keys = null;
  }
  const fits =
    Array.isArray(keys) &&
    keys.length === kinds.length &&
    keys.every((key, index) =>
      kinds[index] === "number" ? Number.isSafeInteger(key) : typeof key === "string",
    );
  if (!fits) {
    throw new ApiProblem("bad_parameter", "The cursor is not one this list gave.", [
      { name: "cursor", reason: "invalid" },
    ]);
  }
  return keys as { [I in keyof K]: K[I] extends "number" ? number : string };
}

/**
 * One page from `rows`, fetched with `limit + 1` so that a further page is known to exist
 * without counting.
 */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  keysOf: (row: T) => readonly CursorKey[],
): { data: T[]; next: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, next: rows.length > limit && last ? encodeCursor(keysOf(last)) : null };
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    next: z.string().nullable().describe("The cursor of the next page, or null on the last page."),
  });
}
