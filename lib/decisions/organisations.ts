/** The organisations a call concerns, read from what its proposer wrote, and who they conflict. */

/**
 * A member has a conflict on a call when their public declaration or affiliation names one of
 * the organisations the call concerns, as a whole word and whatever the letter case.
 */
export function hasConflict(
  member: { conflictOfInterest: string; affiliation: string },
  organisations: string[],
): boolean {
  const text = fold(`${member.conflictOfInterest}\n${member.affiliation}`);
  return organisations.some((organisation) => {
    const name = fold(organisation.trim());
    if (name.length < 2) return false;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u").test(text);
  });
}

function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** "Acme, Brightbulb Ltd" → ["Acme", "Brightbulb Ltd"]: organisations named on a call. */
export function parseOrganisations(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}
