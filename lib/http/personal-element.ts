/**
 * The element a member's page carries the reader's own parts in, as JSON: written by the front
 * (lib/http/front-members.ts), read by the page (components/personal.tsx).
 */
export const PERSONAL_ELEMENT_ID = "hum-personal";
