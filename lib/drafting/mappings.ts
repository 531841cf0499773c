import { z } from "zod";
import { fieldError } from "@/lib/errors";
import { plainLine, plainText } from "@/lib/validation";

/**
 * How a clause relates to a provision of another framework, in OSCAL's words: the clause says
 * the same (equivalent), asks less (subset), asks more (superset), overlaps (intersects), or is
 * only related.
 */
export const relationships = ["equivalent", "subset", "superset", "intersects", "related"] as const;
export type Relationship = (typeof relationships)[number];

/** One link from a clause to a provision of a framework the standard lists (by its key). */
export type Mapping = {
  framework: string;
  provision: string;
  relationship: Relationship;
  rationale: string;
};

export const frameworkKeySchema = z
  .string(fieldError("required"))
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, fieldError("invalid"));

export const mappingSchema = z.object({
  framework: frameworkKeySchema,
  provision: plainLine(60),
  relationship: z.enum(relationships, fieldError("unknown_relationship")),
  rationale: plainText(500),
});

/**
 * Mappings in one order (framework, then provision, then relationship), so two revisions that
 * map the same provisions compare equal and releases hash the same whatever order they were
 * entered in.
 */
export function sortMappings(mappings: readonly Mapping[]): Mapping[] {
  const key = (m: Mapping) => [m.framework, m.provision, m.relationship] as const;
  return [...mappings].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) {
      const order = compareText(x[i] as string, y[i] as string);
      if (order !== 0) return order;
    }
    return compareText(a.rationale, b.rationale);
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sameMappings(a: readonly Mapping[], b: readonly Mapping[]): boolean {
  const [x, y] = [sortMappings(a), sortMappings(b)];
  return (
    x.length === y.length &&
    x.every((m, i) => {
      const n = y[i];
      return (
        n !== undefined &&
        m.framework === n.framework &&
        m.provision === n.provision &&
        m.relationship === n.relationship &&
        m.rationale === n.rationale
      );
    })
  );
}
