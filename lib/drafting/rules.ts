import { z } from "zod";
import { fieldsChanged } from "@/lib/drafting/canonical-text";
import { type Mapping, sameMappings } from "@/lib/drafting/mappings";
import { type ClauseFields, type Strength, strengths } from "@/lib/drafting/rich-text";
import { fieldError } from "@/lib/errors";
import { plainLine, plainText } from "@/lib/validation";

export function formatRef(code: string, number: number): string {
  return `${code}-${number}`;
}

export function parseRef(ref: string): { code: string; number: number } | null {
  const match = /^([A-Z][A-Z0-9]{0,9})-([1-9]\d{0,5})$/.exec(ref);
  return match?.[1] && match[2] ? { code: match[1], number: Number(match[2]) } : null;
}

/** References are never reused: the next number follows the highest ever given for the code. */
export function nextRefNumber(usedNumbers: number[]): number {
  return usedNumbers.reduce((highest, number) => Math.max(highest, number), 0) + 1;
}

/**
 * Whether a clause's text may be edited. Only a retired clause is read-only, for everyone. An
 * open call does not freeze its clause: the call points at a revision, which never changes, so
 * the working text stays editable while people weigh in.
 */
export function isReadOnly(clause: { retiredAt: Date | null }): boolean {
  return clause.retiredAt !== null;
}

/** The people who edited the text after the previous revision was taken, in a stable order. */
export function authorsSince(
  edits: { userId: string; lastEditAt: Date }[],
  since: Date | null,
): string[] {
  return edits
    .filter((edit) => since === null || edit.lastEditAt > since)
    .map((edit) => edit.userId)
    .sort();
}

/** What a participant fills in to add a clause or change its structure. */
export const clauseMetaSchema = z.object({
  title: plainLine(160),
  moduleCode: z
    .string(fieldError("required"))
    .regex(/^[A-Z][A-Z0-9]{0,9}$/, fieldError("required")),
  /** A level name, or "" for recommended only. */
  level: plainLine(60, { required: false }),
  strength: z.enum(strengths, fieldError("required")),
});
export type ClauseMetaInput = z.output<typeof clauseMetaSchema>;

export const revisionNoteSchema = z.object({
  note: plainText(500, { required: true }),
});

/** What a revision records of a clause: its structure, its text and its mappings. */
export type ClauseSnapshot = ClauseFields & {
  title: string;
  strength: Strength;
  levelId: string | null;
  mappings: readonly Mapping[];
};

/**
 * Whether two snapshots of a clause say the same: a revision that would say the same as the
 * latest one is not taken again.
 */
export function sameSnapshot(a: ClauseSnapshot, b: ClauseSnapshot): boolean {
  return (
    a.title === b.title &&
    a.strength === b.strength &&
    a.levelId === b.levelId &&
    sameMappings(a.mappings, b.mappings) &&
    fieldsChanged(a, b).length === 0
  );
}
