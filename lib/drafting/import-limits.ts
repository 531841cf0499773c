/**
 * How big an import may be, shared by the import form (which refuses before sending), the
 * action's schema and next.config.ts (which must let every accepted import through, or Next.js
 * refuses the request before the action runs and the person loses what they pasted).
 * No imports: next.config.ts loads this file on its own.
 */

/** The largest Markdown import, in bytes as the form sends it: UTF-8, line breaks as CRLF. */
export const MAX_IMPORT_BYTES = 2_000_000;

/** Room for the import's other fields (slug, name, format) and the multipart framing. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** next.config.ts `experimental.serverActions.bodySizeLimit`: the largest import, and its form. */
export const SERVER_ACTION_BODY_LIMIT = MAX_IMPORT_BYTES + FORM_OVERHEAD_BYTES;

/** The size of a text field as a browser submits it: UTF-8, every line break sent as CRLF. */
export function formBytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
      bytes += 2;
      i++;
    } else if (code === 0x0a || code === 0x0d) bytes += 2;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      bytes += 4; // a surrogate pair: one code point of four bytes
      i++;
    } else bytes += 3;
  }
  return bytes;
}
