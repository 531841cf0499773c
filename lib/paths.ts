/**
 * Every public URL Hum builds, in one place: links, redirects, audit subjects and emails all come
 * from here, so a route that moves moves once.
 */

/** How a call is named in the audit log and linked: numbers are per standard. */
export function callSubjectId(slug: string, number: number): string {
  return `${slug}/${number}`;
}

export function callPath(slug: string, number: number): string {
  return `/standards/${slug}/calls/${number}`;
}
