/*
 * The names of what a kept page shows, shared by the front (which files each page under its
 * tags) and the change feed (which names the tags a committed change touches). A change that
 * touches one of a page's tags makes the page stale; `everything` touches every page.
 */

export const everything = "*";
/** The transparency log: every audited change. */
export const logTag = "log";
export const homeTag = "home";
export const groupsTag = "groups";
export const registryTag = "registry";
/** Every release's translations as they are translated (publishing one touches everything). */
export const translationsTag = "translations";
/** Access tokens: one was revoked, so the front forgets which tokens it may trust. */
export const tokensTag = "tokens";

/** Anything about a standard: its releases, working draft, calls and clauses. */
export const standardTag = (slug: string) => `standard:${slug}`;
/** The working draft's list of clauses and sections (and the frameworks they map to). */
export const draftTag = (slug: string) => `draft:${slug}`;
/** One clause of the working draft: its page, threads and history. */
export const clauseTag = (slug: string, ref: string) => `clause:${slug}/${ref}`;
export const sectionTag = (slug: string, section: string) => `section:${slug}/${section}`;
/** The standard's list of calls and its objections. */
export const callsTag = (slug: string) => `calls:${slug}`;
export const callTag = (slug: string, number: number | string) => `call:${slug}/${number}`;
