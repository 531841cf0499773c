import { Node } from "@tiptap/pm/model";
import { z } from "zod";
import { clauseTextSchema, isAllowedHref } from "@/lib/collab/extensions";
import { markdownToRichText } from "@/lib/drafting/markdown/text";
import type { RichText } from "@/lib/drafting/rich-text";
import { clauseMetaSchema } from "@/lib/drafting/rules";
import { DomainError, type FieldErrors, fieldError, isFieldErrorCode } from "@/lib/errors";
import type { ClauseTranslationText } from "@/lib/translations/content";
import { plainText } from "@/lib/validation";

/** The most a translated field may hold, as a clause field imported from Markdown. */
const MAX_FIELD = 20_000;

function hasUnsafeLink(json: RichText): boolean {
  const bad = (json.marks ?? []).some(
    (mark) => mark.type === "link" && !isAllowedHref(mark.attrs?.href),
  );
  return bad || (json.content ?? []).some(hasUnsafeLink);
}

/**
 * A field written in the clause editor's Markdown subset, read into rich text as an imported
 * clause field is, and then held to the editor's own schema and link protocols, the checks the
 * collab server applies to every original clause. Raw HTML (the editor has no place for it),
 * javascript: or data: links, headings, quotes and code blocks are refused. An empty field is an
 * empty text: an original without examples needs none translated.
 */
function richTextField() {
  return plainText(MAX_FIELD, { markup: true }).transform((markdown, context): RichText => {
    if (markdown.trim() === "") return { type: "doc", content: [] };
    let json: RichText;
    try {
      json = markdownToRichText(markdown);
      Node.fromJSON(clauseTextSchema, json).check();
    } catch {
      context.addIssue({ code: "custom", ...fieldError("invalid") });
      return z.NEVER;
    }
    if (hasUnsafeLink(json)) {
      context.addIssue({ code: "custom", ...fieldError("invalid") });
      return z.NEVER;
    }
    return json;
  });
}

/** What a translator submits for one clause: its title and its three fields, in Markdown. */
export const clauseTranslationSchema = z.object({
  title: clauseMetaSchema.shape.title,
  body: richTextField(),
  assessment: richTextField(),
  examples: richTextField(),
});
export type ClauseTranslationInput = z.input<typeof clauseTranslationSchema>;

/** The translator's words as rich text, or the field errors that refuse them. */
export function parseClauseTranslation(input: unknown): ClauseTranslationText {
  const parsed = clauseTranslationSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "title");
    problems[field] ??= isFieldErrorCode(issue.message) ? issue.message : "invalid";
  }
  throw new DomainError("invalid_input", problems);
}
