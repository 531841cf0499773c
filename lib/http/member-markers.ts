/*
 * The names a member's kept page is passed along by (README: "Members' call and clause pages"),
 * shared by the front, Next.js's request and the page's scripts: nothing here may need Node.
 */

/**
 * The request header the front names a page's audience in, sealed with the site's secret
 * (lib/community/audience.ts): Next.js draws the page for a stand-in of that audience.
 */
export const AUDIENCE_HEADER = "x-hum-audience";

/**
 * The element a member's page carries the reader's own parts in, as JSON: written by the front
 * (lib/http/front-members.ts), read by the page (components/personal.tsx).
 */
export const PERSONAL_ELEMENT_ID = "hum-personal";
