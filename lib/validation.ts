import { z } from "zod";
import { type FieldErrorCode, fieldError } from "@/lib/errors";
import { safeReturnPath } from "@/lib/paths";

/**
 * The shared shapes of what people type. Everything that reaches the database goes through one
 * of these, so a NUL byte, an out-of-range number or a pathologically nested comment is a field
 * error in the form, never a database or parser failure.
 */

/** Control characters (NUL included) and lone surrogates: never meaningful in typed text. */
const CONTROL = /[\p{Cc}\p{Cs}]/u;
/** The same, but keeping line breaks and tabs, for text that may span lines. */
const CONTROL_EXCEPT_LINES = /[^\P{Cc}\n\t]|\p{Cs}/u;
const MARKUP = /[<>]/;

/** Browsers send a textarea's line breaks as CRLF; one form keeps lengths and rules simple. */
export function unifyLineBreaks(value: string): string {
  return value.replace(/\r\n?/g, "\n");
}

type LineOptions = { required?: boolean };

/** One line of plain text (titles, reasons given in a field): no markup, no control characters. */
export function plainLine(max: number, { required = true }: LineOptions = {}) {
  const base = z
    .string(fieldError("required"))
    .trim()
    .max(max, fieldError("too_long"))
    .refine((value) => !CONTROL.test(value) && !MARKUP.test(value), fieldError("plain_text_only"));
  return required ? base.refine((value) => value !== "", fieldError("required")) : base;
}

type TextOptions = { required?: boolean; markup?: boolean; trim?: boolean };

/** Plain text over several lines (descriptions, declarations): line breaks and tabs allowed. */
export function plainText(
  max: number,
  { required = false, markup = false, trim = true }: TextOptions = {},
) {
  const base = z
    .string(fieldError("required"))
    .transform((value) => (trim ? unifyLineBreaks(value).trim() : unifyLineBreaks(value)))
    .pipe(
      z
        .string()
        .max(max, fieldError("too_long"))
        .refine(
          (value) => !CONTROL_EXCEPT_LINES.test(value) && (markup || !MARKUP.test(value)),
          fieldError("plain_text_only"),
        ),
    );
  return required ? base.refine((value) => value !== "", fieldError("required")) : base;
}

/** Deeper than this, a quote or list is an attack on the parser rather than a discussion. */
export const MAX_MARKDOWN_NESTING = 20;

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

/**
 * How many block containers (quotes and list items) one line opens, read from its prefix
 * (`> > - 1. text` opens four). Recursive-descent Markdown parsers recurse once per level, so
 * this bounds their stack depth without parsing.
 */
export function markdownNesting(markdown: string): number {
  let deepest = 0;
  for (const line of markdown.split("\n")) {
    let depth = 0;
    let rest = line;
    for (;;) {
      rest = rest.replace(/^[ \t]+/, "");
      if (rest.startsWith(">")) {
        rest = rest.slice(1);
      } else {
        const marker = LIST_MARKER.exec(rest);
        if (!marker) break;
        rest = rest.slice(marker[0].length);
      }
      depth += 1;
      if (depth > MAX_MARKDOWN_NESTING) return depth;
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** Markdown people write (comments): like plain text, markup allowed, nesting bounded. */
export function markdownText(
  max: number,
  { required = true, tooLong = "too_long" }: { required?: boolean; tooLong?: FieldErrorCode } = {},
) {
  return z
    .string(fieldError("required"))
    .transform(unifyLineBreaks)
    .pipe(
      z
        .string()
        .trim()
        .refine((value) => !required || value !== "", fieldError("required"))
        .refine((value) => value.length <= max, fieldError(tooLong))
        .refine((value) => !CONTROL_EXCEPT_LINES.test(value), fieldError("plain_text_only"))
        .refine(
          (value) => markdownNesting(value) <= MAX_MARKDOWN_NESTING,
          fieldError("too_deeply_nested"),
        ),
    );
}

/** The largest value of a PostgreSQL `integer` column. */
export const INT4_MAX = 2_147_483_647;

/** A whole number typed in a form, bounded to fit the column it is compared with. */
export function wholeNumber(min: number, max: number = INT4_MAX) {
  return z.coerce
    .number(fieldError("invalid_number"))
    .int(fieldError("invalid_number"))
    .min(min, fieldError("too_small"))
    .max(Math.min(max, INT4_MAX), fieldError("too_large"));
}

/** Revision, call and other sequence numbers: 1 up to the column's limit. */
export const positiveInt4 = wholeNumber(1);

export const uuid = z.uuid(fieldError("required"));

/** A standard's address name, as in `/standards/{slug}`. */
export const SLUG = /^[a-z0-9-]{1,60}$/;
export const slug = z.string(fieldError("required")).regex(SLUG, fieldError("invalid"));

/** A clause reference such as `SW-4` (lib/drafting/rules.ts parses it). */
export const CLAUSE_REF = /^[A-Z][A-Z0-9]{0,9}-[1-9]\d{0,5}$/;

/** A release version such as `1.2.0`, each part small enough to be a number. */
export const VERSION = /^\d{1,9}\.\d{1,9}\.\d{1,9}$/;

/** An opaque token from a link (unsubscribe and the like): printable ASCII, bounded. */
export const linkToken = z
  .string(fieldError("required"))
  .max(300, fieldError("too_long"))
  .regex(/^[\x21-\x7e]+$/, fieldError("invalid"));

/**
 * A form's hidden return path, the page to go on to afterwards: kept when it is a safe path on
 * this site (lib/paths.ts), dropped otherwise, so a forged value leads nowhere but home ground.
 */
export const returnPathField = z
  .unknown()
  .transform((value) => safeReturnPath(value))
  .optional();
