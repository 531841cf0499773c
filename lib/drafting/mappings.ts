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

/**
 * The key a framework's name suggests ("ETSI EN 303 645" → "etsi-en-303-645"): lower case,
 * words joined by hyphens. The version stays out of it, so mappings keep their key when the
 * standard moves to a later version of the same framework; two versions listed side by side
 * need a key given by hand. Empty when nothing usable is left.
 */
export function frameworkKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}

/** Only web addresses a reader can follow: http or https, nothing that runs or reads files. */
export const frameworkUrlSchema = z
  .string(fieldError("required"))
  .trim()
  .max(500, fieldError("too_long"))
  .refine((value) => value === "" || isWebAddress(value), fieldError("invalid"));

function isWebAddress(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
}

/** What a participant fills in to list a framework; the key is derived when left empty. */
export const frameworkSchema = z.object({
  name: plainLine(120),
  version: plainLine(40, { required: false }),
  url: frameworkUrlSchema,
  key: frameworkKeySchema.or(z.literal("")).default(""),
});
export type FrameworkInput = z.output<typeof frameworkSchema>;

/** The key a framework is listed under: the one given, else one derived from its name. */
export function keyOf(input: Pick<FrameworkInput, "name" | "key">): string {
  return input.key || frameworkKey(input.name);
}

/** Whether two mappings name the same provision of the same framework the same way. */
export function sameLink(a: Omit<Mapping, "rationale">, b: Omit<Mapping, "rationale">): boolean {
  return (
    a.framework === b.framework && a.provision === b.provision && a.relationship === b.relationship
  );
}

/** How a mapping reads as one line, for comparing revisions field by field. */
export function mappingLine(mapping: Mapping): string {
  const head = `${mapping.framework} ${mapping.provision} (${mapping.relationship})`;
  return mapping.rationale ? `${head}: ${mapping.rationale}` : head;
}
