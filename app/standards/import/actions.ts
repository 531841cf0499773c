"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { type ImportProblem, parsePlainDocument, parseStandard } from "@/lib/drafting/markdown";
import { importStandard } from "@/lib/drafting/transfer";
import { plainLine, plainText } from "@/lib/validation";

const MAX_MARKDOWN = 2_000_000;

const importSchema = z.object({
  format: z.enum(["hum", "plain"], { error: "required" }),
  // Not trimmed: problems are reported by line number.
  markdown: plainText(MAX_MARKDOWN, { required: true, markup: true, trim: false }),
  slug: plainLine(60, { required: false }).optional().default(""),
  name: plainLine(160, { required: false }).optional().default(""),
});

export type ImportOutcome = { slug: string; clauses: number } | { problems: ImportProblem[] };

/** Parses, then imports in one transaction; problems come back with their line numbers. */
export const importStandardAction = defineAction({
  name: "importStandard",
  schema: importSchema,
  signedIn: true,
  run: async ({ format, markdown, slug, name }, viewer): Promise<ImportOutcome> => {
    const parsed =
      format === "hum"
        ? parseStandard(markdown)
        : parsePlainDocument(markdown, {
            slug,
            name,
            levels: [
              { name: "Bronze", summary: "" },
              { name: "Silver", summary: "" },
              { name: "Gold", summary: "" },
            ],
          });
    if (!parsed.ok) return { problems: parsed.problems };
    return importStandard(getDb(), viewer, parsed.standard);
  },
  revalidate: ["/"],
});
