import { type Claim, requiredClauses } from "@/lib/registry/rules";
import { changedFields } from "@/lib/releases/clause-diff";
import type { ReleaseClause, ReleaseContent } from "@/lib/releases/content";

/*
 * What a newer release asks of a listed product, at the levels it claims: the pure half of the
 * transition notice. A listing keeps its state through the transition period; this tells its
 * representatives what declaring again against the new release will take.
 */

/** A clause named by the notice: its permanent reference and its title in the release shown. */
export type NamedClause = { ref: string; title: string };

/** The fields of a required clause whose change matters to a declarant. */
export const transitionFields = ["body", "assessment", "strength", "level", "module"] as const;
export type TransitionField = (typeof transitionFields)[number];

export type TransitionChanges = {
  /** Required now and not before: new clauses, or existing ones brought into scope. */
  newlyRequired: (NamedClause & { reason: "added" | "in_scope" })[];
  /** Required before and now, with different text, assessment, strength, level or module. */
  changed: (NamedClause & { fields: TransitionField[] })[];
  /** Required before and not now: retired, or out of scope at the claimed levels. */
  noLongerRequired: (NamedClause & { reason: "retired" | "out_of_scope" })[];
};

const named = (clause: ReleaseClause): NamedClause => ({ ref: clause.ref, title: clause.title });

/** The differences that matter between two states of one required clause, in reading order. */
function mattering(from: ReleaseClause, to: ReleaseClause): TransitionField[] {
  const changed = new Set<string>(changedFields(from, to).map((field) => field.name));
  if (from.moduleCode !== to.moduleCode) changed.add("module");
  return transitionFields.filter((field) => changed.has(field));
}

/**
 * What moving a declaration from `oldContent` to `newContent` asks of it, at its `claims`: in
 * the newer release's order for what it requires, the older one's for what it no longer does.
 * A claim for a module or level the newer release lacks requires nothing of it.
 */
export function whatNewReleaseRequires(
  oldContent: ReleaseContent,
  newContent: ReleaseContent,
  claims: Claim[],
): TransitionChanges {
  const before = new Map(requiredClauses(oldContent, claims).map((c) => [c.ref, c]));
  const after = requiredClauses(newContent, claims);
  const afterRefs = new Set(after.map((clause) => clause.ref));
  const inOld = new Set(oldContent.clauses.map((clause) => clause.ref));
  const inNew = new Set(newContent.clauses.map((clause) => clause.ref));
  const changes: TransitionChanges = { newlyRequired: [], changed: [], noLongerRequired: [] };
  for (const clause of after) {
    const previous = before.get(clause.ref);
    if (!previous) {
      const reason = inOld.has(clause.ref) ? "in_scope" : "added";
      changes.newlyRequired.push({ ...named(clause), reason });
      continue;
    }
    const fields = mattering(previous, clause);
    if (fields.length > 0) changes.changed.push({ ...named(clause), fields });
  }
  for (const clause of before.values()) {
    if (afterRefs.has(clause.ref)) continue;
    const reason = inNew.has(clause.ref) ? "out_of_scope" : "retired";
    changes.noLongerRequired.push({ ...named(clause), reason });
  }
  return changes;
}

/** Whether the newer release asks nothing different of the declaration. */
export function nothingChanges(changes: TransitionChanges): boolean {
  return (
    changes.newlyRequired.length === 0 &&
    changes.changed.length === 0 &&
    changes.noLongerRequired.length === 0
  );
}
