import {
  type ClauseField,
  type ClauseFields,
  clauseFields,
  type RichText,
} from "@/lib/drafting/rich-text";

/**
 * The stored form of rich text. The editor, the collab server and y-tiptap each add things to
 * the JSON that carry no meaning: a link's rendering attributes (`rel`, `target`, `class`,
 * `title`), `attrs: {}` on marks, an ordered list's `start: 1`, marks in whatever order they
 * were applied, text split into runs with the same marks, the one empty paragraph an editor puts
 * in an untouched field. Kept, they make a field look changed when nobody changed it, and change
 * a release's digest for nothing. Every JSON field is stored, compared and released in this one
 * form:
 *  - a doc always has `content`; a doc holding nothing but one empty paragraph is empty;
 *  - a node keeps `type`, the attributes listed in `storedAttributes` that differ from their
 *    default, and `content` when not empty; other members (render-only attributes) are dropped;
 *  - text nodes are non-empty, neighbours with the same marks are merged, `marks` is omitted when
 *    empty and otherwise sorted link, bold, italic, code, each once; a mark keeps only its
 *    stored attributes (a link its `href`).
 * It is total (it never throws: whether a text is allowed at all is the validation's business)
 * and idempotent, and Markdown's canonical form (markdown/text.ts) is one of its fixed points.
 */

/**
 * The attributes that mean something, per node or mark type, with the value that goes unstated
 * (undefined: always stated). The editor's link has no others (lib/collab/extensions.ts); any
 * other attribute a node may carry in the editor is drawn, never stored.
 */
export const storedAttributes: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  orderedList: { start: 1 },
  link: { href: undefined },
};

/** The order marks are listed in: the order they nest in, link outermost. */
export const markOrder = ["link", "bold", "italic", "code"] as const;

type Mark = NonNullable<RichText["marks"]>[number];
type Attrs = Record<string, unknown>;

function keptAttributes(type: string, attrs: unknown): Attrs | undefined {
  const stored = storedAttributes[type];
  if (!stored || typeof attrs !== "object" || attrs === null) return undefined;
  const kept: Attrs = {};
  for (const [name, unstated] of Object.entries(stored)) {
    const value = (attrs as Attrs)[name];
    if (value !== undefined && value !== null && value !== unstated) kept[name] = value;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

const rank = (type: string) => {
  const index = (markOrder as readonly string[]).indexOf(type);
  return index === -1 ? markOrder.length : index;
};

function canonicalMarks(marks: unknown): Mark[] {
  if (!Array.isArray(marks)) return [];
  const byType = new Map<string, Mark>();
  for (const mark of marks as unknown[]) {
    const type = (mark as Mark | null)?.type;
    if (typeof type !== "string" || byType.has(type)) continue;
    const attrs = keptAttributes(type, (mark as Mark).attrs);
    byType.set(type, attrs ? { type, attrs } : { type });
  }
  return [...byType.values()].sort(
    (a, b) => rank(a.type) - rank(b.type) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
  );
}

const marksKey = (marks: Mark[]) => JSON.stringify(marks);

function canonicalContent(content: unknown): RichText[] {
  if (!Array.isArray(content)) return [];
  const out: RichText[] = [];
  let lastMarks: string | null = null; // key of the previous node's marks, when it is text
  for (const child of content as unknown[]) {
    if (typeof child !== "object" || child === null) continue;
    const node = child as RichText;
    if (node.type === "text") {
      if (typeof node.text !== "string" || node.text === "") continue;
      const marks = canonicalMarks(node.marks);
      const key = marksKey(marks);
      const previous = out.at(-1);
      if (previous && lastMarks === key) previous.text += node.text;
      else
        out.push(
          marks.length > 0
            ? { type: "text", text: node.text, marks }
            : { type: "text", text: node.text },
        );
      lastMarks = key;
      continue;
    }
    const next = canonicalNode(node);
    if (next) out.push(next);
    lastMarks = null;
  }
  return out;
}

function canonicalNode(node: RichText): RichText | null {
  if (typeof node.type !== "string") return null;
  const out: RichText = { type: node.type };
  const attrs = keptAttributes(node.type, node.attrs);
  if (attrs) out.attrs = attrs;
  const content = canonicalContent(node.content);
  if (content.length > 0) out.content = content;
  return out;
}

const isEmptyParagraph = (node: RichText | undefined) =>
  node?.type === "paragraph" && !node.content?.length;

/** The stored form of one field (see above); given any other node, that node's. */
export function canonicalRichText(json: RichText): RichText {
  const [node] = canonicalContent([json]);
  if (node?.type !== "doc") return node ?? { type: "doc", content: [] };
  const content = node.content ?? [];
  return {
    type: "doc",
    content: content.length === 1 && isEmptyParagraph(content[0]) ? [] : content,
  };
}

/** The stored form of every field of a clause. */
export function canonicalFields(fields: ClauseFields): ClauseFields {
  return {
    body: canonicalRichText(fields.body),
    assessment: canonicalRichText(fields.assessment),
    examples: canonicalRichText(fields.examples),
  };
}

/** Whether two fields say the same thing: equal in stored form, whatever extras either has. */
export function sameRichText(a: RichText, b: RichText): boolean {
  if (a === b) return true;
  return JSON.stringify(canonicalRichText(a)) === JSON.stringify(canonicalRichText(b));
}

/** The fields of a clause that differ between two of its texts, in reading order. */
export function fieldsChanged(before: ClauseFields, after: ClauseFields): ClauseField[] {
  return clauseFields.filter((field) => !sameRichText(before[field], after[field]));
}
