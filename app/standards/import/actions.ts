"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { type ImportProblem, parsePlainDocument, parseStandard } from "@/lib/drafting/markdown";
import { importStandard } from "@/lib/drafting/transfer";

const MAX_MARKDOWN = 2_000_000;

const importSchema = z.object({
  format: z.enum(["hum", "plain"], { error: "required" }),
  markdown: z
    .string({ error: "required" })
    .min(1, { error: "required" })
    .max(MAX_MARKDOWN, { error: "too_long" }),
  slug: z.string().trim().max(60, { error: "too_long" }).optional().default(""),
  name: z.string().trim().max(160, { error: "too_long" }).optional().default(""),
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
