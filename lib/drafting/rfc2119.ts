/** RFC 2119 keywords as RFC 8174 reads them: only in capitals, longest phrases first. */
const KEYWORDS =
  /\b(MUST NOT|SHALL NOT|SHOULD NOT|NOT RECOMMENDED|MUST|REQUIRED|SHALL|SHOULD|RECOMMENDED|MAY|OPTIONAL)\b/g;

export type KeywordPart = { text: string; keyword: boolean };

/** Splits text into runs, marking the RFC 2119 keywords so readers can see them at a glance. */
export function splitKeywords(text: string): KeywordPart[] {
  const parts: KeywordPart[] = [];
  let last = 0;
  for (const match of text.matchAll(KEYWORDS)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), keyword: false });
    parts.push({ text: match[0], keyword: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), keyword: false });
  return parts;
}
