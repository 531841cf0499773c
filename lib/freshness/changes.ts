import {
  callsTag,
  callTag,
  clauseTag,
  draftTag,
  everything,
  logTag,
  registryTag,
  sectionTag,
  standardTag,
  translationsTag,
} from "@/lib/http/front-tags";

/*
 * Which kept pages a committed change makes stale: the change feed announces each change
 * (drizzle/0022_change_feed.sql), `places.ts` finds where it happened, and these rules name the
 * tags of the pages that show it. When in doubt a rule names more: a page drawn again needlessly
 * costs a render, a page left behind misleads its readers.
 */

/** One announcement on the `hum_change` channel: "<sequence> <kind> [<id>]". */
export type Announcement = {
  sequence: number;
  kind: "audit" | "thread" | "clause" | "section" | "registry" | "token";
  id: string;
};

const kinds = new Set<Announcement["kind"]>([
  "audit",
  "thread",
  "clause",
  "section",
  "registry",
  "token",
]);

export function parseAnnouncement(payload: string): Announcement | null {
  const [sequence, kind, id = ""] = payload.split(" ");
  if (!/^\d{1,18}$/.test(sequence ?? "") || !kinds.has(kind as Announcement["kind"])) return null;
  return { sequence: Number(sequence), kind: kind as Announcement["kind"], id };
}

/** Where a change happened: a standard, and within it a clause, a section or a call. */
export type Place = { standard: string; clause?: string; section?: string; call?: number };

/** The pages showing this one thing: the clause's page and the draft listing it, say. */
export function tagsOfPlace(place: Place): string[] {
  const { standard } = place;
  const tags: string[] = [];
  if (place.clause) tags.push(draftTag(standard), clauseTag(standard, place.clause));
  if (place.section) tags.push(draftTag(standard), sectionTag(standard, place.section));
  if (place.call !== undefined) tags.push(callsTag(standard), callTag(standard, place.call));
  return tags.length ? tags : [standardTag(standard)];
}

/** Decisions that only add to one call's record; any other decision moves clauses. */
const callRecordActions = new Set([
  "decisions.position_taken",
  "decisions.position_reason_hidden",
  "decisions.vote_cast",
  "decisions.recused",
]);

/** Changes every page may show: names, roles, standards themselves, releases, charters. */
function touchesEverything(action: string): boolean {
  if (action.startsWith("community.")) return action !== "community.joined";
  return (
    action.startsWith("releases.") ||
    action === "decisions.charter_changed" ||
    action === "drafting.standard_created" ||
    action === "drafting.standard_imported" ||
    action === "drafting.later_text_imported"
  );
}

/**
 * The tags an audited change touches. Every entry is on the transparency log. Sign-ins and
 * refusals are only there; registry changes are the registry's. A decision that moves clauses
 * (adopted, escalated, decided, withdrawn…) touches every page of its standard; positions and
 * votes only their call. Drafting and discussion touch the clause, section or call they concern.
 * An entry whose place is unknown touches everything.
 */
export function tagsOfAudit(action: string, places: Place[]): string[] {
  const tags = [logTag];
  const [category] = action.split(".");
  if (category === "auth" || category === "access" || action === "community.joined") return tags;
  // A translation's words show on its own pages until it is published (which touches
  // everything); its workspace is for people signed in, never kept.
  if (action === "releases.clause_translated") return [...tags, translationsTag];
  if (category === "registry") return [...tags, registryTag];
  if (touchesEverything(action) || places.length === 0) return [...tags, everything];
  const wide = category === "decisions" && !callRecordActions.has(action);
  for (const place of places) {
    if (wide) tags.push(standardTag(place.standard));
    else tags.push(...tagsOfPlace(place));
  }
  return [...new Set(tags)];
}
