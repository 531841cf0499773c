/**
 * The human-written parts of an inbound mail: address lines, an HTML-only body turned into text,
 * and only what the person newly wrote (no quoted history, no signature).
 *
 * All heuristics over what common mail clients produce. The body ones err on the side of keeping
 * text: a missed quote is visible and can be edited, a wrongly dropped sentence is lost.
 */

/**
 * "Ann Example <Ann@Example.org>" → "ann@example.org"; null when no single plain address is
 * there (groups, quoted local parts). Lower-cased whole: providers treat addresses that way,
 * and reply tokens are built to survive it.
 */
export function bareAddress(raw: string): string | null {
  const angle = /<([^<>]*)>\s*$/.exec(raw.trim());
  const candidate = (angle ? (angle[1] ?? "") : raw.replace(/\([^)]*\)/g, ""))
    .trim()
    .replace(/^mailto:/i, "")
    .toLowerCase();
  return /^[^\s@<>",;:()]+@[^\s@<>",;:()]+$/.test(candidate) ? candidate : null;
}

/** Every plain address of a To/Cc value; unparsable entries such as groups are skipped. */
export function bareAddresses(value: string | readonly string[] | null | undefined): string[] {
  if (value == null) return [];
  // A string is a header-style list: split on commas outside "quotes" and <brackets>. An array
  // holds one address per entry, whose display name may contain an unquoted comma.
  const entries =
    typeof value === "string" ? (value.match(/(?:"[^"]*"|<[^>]*>|[^,"<])+/g) ?? []) : value;
  return entries.flatMap((entry) => bareAddress(entry) ?? []);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith("#")) {
    const hex = body[1] === "x" || body[1] === "X";
    const codePoint = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    const valid =
      Number.isInteger(codePoint) &&
      codePoint > 0 &&
      codePoint <= 0x10ffff &&
      !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    return valid ? String.fromCodePoint(codePoint) : entity;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

/**
 * Conservative HTML → text, only for mail that has no text part. It drops head/style/script,
 * turns <br> and the ends of block elements (p, div, li, tr, headings, blockquote) into line
 * breaks (Gmail writes every line as a <div>), strips every other tag and decodes the basic
 * entities plus numeric ones. It does not render tables, lists or links: the result is only
 * fed to extractReply, which needs line structure and readable words, nothing more.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, "")
    // Source whitespace is insignificant in HTML; only the tags below create line breaks.
    .replace(/\s+/g, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p\s*>/gi, "\n\n")
    .replace(/<\/(div|li|tr|h[1-6]|blockquote|pre)\s*>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    // Decoded after tags are gone, so an escaped "&lt;b&gt;" stays literal text.
    .replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, decodeEntity)
    .replace(/\u00a0/g, " ");
  return text
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// "On Tue, 24 Nov 2026 at 10:00, Ann <ann@example.org> wrote:" and its equivalents in a few
// languages contributors are likely to use. A digit is required (every client puts the date
// there) so that a sentence such as "On reflection, this is what I wrote:" survives.
const ATTRIBUTION =
  /^(?:On|Am|Le|El|Op|Il)\s.*\d.*(?:wrote|schrieb|a écrit|escribió|schreef|ha scritto).*:$/;
const ORIGINAL_MESSAGE = /^-{2,}\s*original message\s*-{2,}$/i;
const OUTLOOK_RULE = /^_{10,}$/;
const OUTLOOK_FROM = /^\*?From:\*?\s/;
const OUTLOOK_SENT = /^\*?(?:Sent|Date):\*?\s/;
const MOBILE_TRAILER = /^(?:Sent from my \S|Get Outlook for \S)/i;
const QUOTED = /^\s*>/;

/** True when line i starts quoted history or a signature: everything from there on goes. */
function startsTail(lines: readonly string[], i: number): boolean {
  const raw = lines[i] ?? "";
  // The signature separator is exact on purpose: "---" is a Markdown rule, not a signature.
  if (raw === "-- " || raw === "--") return true;
  const line = raw.trim();
  if (ORIGINAL_MESSAGE.test(line) || OUTLOOK_RULE.test(line) || MOBILE_TRAILER.test(line)) {
    return true;
  }
  if (OUTLOOK_FROM.test(line)) {
    // A lone "From:" line can be prose; Outlook's block always has Sent:/Date: right below.
    return lines.slice(i + 1, i + 5).some((next) => OUTLOOK_SENT.test(next.trim()));
  }
  if (ATTRIBUTION.test(line)) return true;
  // Plain-text clients wrap long attributions, typically inside the sender's <address>.
  const next = lines[i + 1]?.trim() ?? "";
  return (
    /^(?:On|Am|Le|El|Op|Il)\s/.test(line) && next !== "" && ATTRIBUTION.test(`${line} ${next}`)
  );
}

/**
 * Keeps only the new text of an emailed reply: cuts at the first attribution line ("On … wrote:",
 * also wrapped onto two lines), "-----Original Message-----", an Outlook rule or From:/Sent:
 * header block, a "-- " signature separator or a "Sent from my …" trailer; drops remaining
 * ">"-quoted lines (interleaved replies); normalises line endings and blank runs. Returns "" when
 * nothing new is left, e.g. a reply that only quotes.
 */
export function extractReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (QUOTED.test(line)) continue;
    if (startsTail(lines, i)) break;
    kept.push(line.trimEnd());
  }
  // Dropped quotes leave gaps; more than one blank line in a row is never meaningful here.
  return kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
