import { z } from "zod";
import { decisions, stances } from "@/lib/decisions/tally";
import { fieldError } from "@/lib/errors";
import { plainLine as line, plainText as text } from "@/lib/validation";

/** What the decision forms send; the mutations beside this file check who may send it. */

export const openCallSchema = z
  .object({
    kind: z.enum(["clause_revision", "question"], fieldError("required")),
    clauseRef: line(40, { required: false }).optional().default(""),
    /** Empty: the working text as it stands (its latest revision, or a new one if it changed). */
    revision: z
      .string()
      .trim()
      .regex(/^\d{0,6}$/, fieldError("invalid"))
      .optional()
      .default("")
      .transform((value) => (value ? Number(value) : null)),
    /** The clause the form filled the revision number in for, when it did. */
    revisionOf: line(40, { required: false }).optional().default(""),
    title: line(200),
    description: text(5000).default(""),
    organisations: text(500).default(""),
  })
  .refine((value) => value.kind !== "clause_revision" || value.clauseRef !== "", {
    path: ["clauseRef"],
    ...fieldError("required"),
  })
  // Without JavaScript, choosing another clause leaves the number filled in for the first.
  .refine(
    (value) =>
      value.kind !== "clause_revision" ||
      value.revision === null ||
      value.revisionOf === "" ||
      value.revisionOf === value.clauseRef,
    { path: ["revision"], ...fieldError("revision_of_other_clause") },
  );
/** What opening a call needs, once the form's own check of the revision number is done. */
export type OpenCallInput = Omit<z.output<typeof openCallSchema>, "revisionOf">;

export const positionSchema = z
  .object({
    stance: z.enum(stances, fieldError("required")),
    reason: text(2000).default(""),
    /** On a call on a set of changes, the changes an objection names (none: the whole call). */
    itemIds: z
      .array(z.uuid(fieldError("not_in_call")))
      .max(2000)
      .default([]),
  })
  .refine((value) => value.stance !== "object" || value.reason !== "", {
    path: ["reason"],
    ...fieldError("required"),
  });
export type PositionInput = Omit<z.output<typeof positionSchema>, "itemIds"> & {
  itemIds?: string[];
};

/**
 * A form's checkboxes named `<prefix><id>`, gathered into one list: a form sends each checked box
 * as a field of its own, with or without JavaScript.
 */
export function checkedIds(prefix: string, field: string) {
  return (raw: unknown) => {
    if (typeof raw !== "object" || raw === null) return raw;
    const entries = Object.entries(raw);
    return {
      ...Object.fromEntries(entries.filter(([key]) => !key.startsWith(prefix))),
      [field]: entries.flatMap(([key]) =>
        key.startsWith(prefix) ? [key.slice(prefix.length)] : [],
      ),
    };
  };
}

/** A last call: its scope, and for a hand-picked one the boxes checked (see `checkedIds`). */
export const lastCallSchema = z
  .object({
    scope: z.enum(["changed", "module", "picked"], fieldError("required")),
    moduleCode: line(40, { required: false }).optional().default(""),
    clauseRefs: z.array(z.string().max(40)).max(5000).default([]),
    sectionSlugs: z.array(z.string().max(80)).max(500).default([]),
    title: line(200),
    description: text(5000).default(""),
    organisations: text(500).default(""),
  })
  .refine((value) => value.scope !== "module" || value.moduleCode !== "", {
    path: ["moduleCode"],
    ...fieldError("required"),
  });
export type LastCallInput = z.output<typeof lastCallSchema>;

/** The checked boxes of the last-call form, gathered into their lists. */
export const lastCallBoxes = (raw: unknown) =>
  checkedIds("section:", "sectionSlugs")(checkedIds("clause:", "clauseRefs")(raw));

export const voteSchema = z.object({
  stage: z.enum(["ag", "sc"], fieldError("required")),
  choice: z.enum([...decisions, "recuse"], fieldError("required")),
  rationale: line(4000),
});
export type VoteInput = z.output<typeof voteSchema>;

export const reasonSchema = z.object({ reason: line(2000) });
