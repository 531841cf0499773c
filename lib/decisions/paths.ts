/** How a call is named in the audit log and linked: numbers are per standard. */
export function callSubjectId(slug: string, number: number): string {
  return `${slug}/${number}`;
}

export function callPath(slug: string, number: number): string {
  return `/standards/${slug}/calls/${number}`;
}
