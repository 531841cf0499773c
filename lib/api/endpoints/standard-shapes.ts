import "server-only";
import { z } from "zod";
import { type CursorKey, decodeCursor, pageOf } from "@/lib/api/paging";
import { ApiProblem } from "@/lib/api/problem";
import type { Executor } from "@/lib/db/client";
import { relationships } from "@/lib/drafting/mappings";
import { getStandardAxes, type StandardAxes } from "@/lib/drafting/queries";
import { type RichText, strengths } from "@/lib/drafting/rich-text";
import { sectionKinds } from "@/lib/drafting/sections-rules";

/*
 * Shapes the standards, releases and working-draft endpoints share. Object members are listed
 * in the order the release export sorts them (UTF-16 code units, RFC 8785), because the router
 * writes an answer's members in its schema's order: a release read through the API is then the
 * same bytes as its `.json` export.
 */

const attrs = z.record(z.string(), z.unknown());

const mark = z.looseObject({ attrs: attrs.optional(), type: z.string() });

/** One node of rich text; its children are nodes of the same shape. */
const richNode = z.looseObject({
  attrs: attrs.optional(),
  content: z
    .array(z.unknown())
    .optional()
    .describe("Child nodes, each of this same shape (paragraph → text, list → listItem…)."),
  marks: z.array(mark).optional().describe("On text: link, bold, italic, code."),
  text: z.string().optional(),
  type: z.string(),
});

export const richText = z
  .looseObject({ content: z.array(richNode).optional(), type: z.string() })
  .describe(
    "Rich text as a Tiptap (ProseMirror) JSON document: paragraphs, bullet and ordered lists, text with bold, italic, code and link marks.",
  );

/**
 * Stored rich text as the API's type: Tiptap's type leaves a node's `type` optional, but every
 * stored node names it (the canonical form), and the router checks the answer all the same.
 */
export function rich(json: RichText): z.input<typeof richText> {
  return json as z.input<typeof richText>;
}

export const strength = z.enum(strengths).describe("The RFC 2119 keyword the clause uses.");

export const mapping = z.object({
  framework: z.string().describe("The key of a framework the standard lists."),
  provision: z.string(),
  rationale: z.string(),
  relationship: z.enum(relationships),
});

export const sectionKind = z.enum(sectionKinds);

/** The standard at `slug` with its modules and levels in order, or a 404 problem. */
export async function requireStandard(db: Executor, slug: string): Promise<StandardAxes> {
  const standard = await getStandardAxes(db, slug);
  if (!standard) throw new ApiProblem("not_found", `No standard "${slug}".`);
  return standard;
}

/**
 * One page of a short list already read whole and in its stable order (a standard's modules,
 * its releases, a clause's revisions): the cursor names the last row seen, which is never
 * deleted, so the page goes on right after it.
 */
export function pageInOrder<T>(
  rows: readonly T[],
  query: { limit: number; cursor?: string | undefined },
  kinds: readonly ("string" | "number")[],
  keysOf: (row: T) => readonly CursorKey[],
): { data: T[]; next: string | null } {
  let start = 0;
  if (query.cursor) {
    const keys: readonly CursorKey[] = decodeCursor(query.cursor, kinds);
    const at = rows.findIndex((row) => keysOf(row).every((key, index) => key === keys[index]));
    if (at < 0) {
      throw new ApiProblem("bad_parameter", "The cursor is not one this list gave.", [
        { name: "cursor", reason: "invalid" },
      ]);
    }
    start = at + 1;
  }
  return pageOf(rows.slice(start, start + query.limit + 1), query.limit, keysOf);
}
