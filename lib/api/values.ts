import { z } from "zod";

/** Shapes many endpoints share. Times are ISO 8601 strings with their offset. */

export const timestamp = z.iso.datetime({ offset: true });

export function iso(date: Date): string;
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

export const slugParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
  .describe("The standard's slug, as in its address: `iotmark`.");

export const versionParam = z
  .string()
  .regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}$/)
  .describe("A release's version number: `1.0.0`.");

export const refParam = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,19}-[1-9]\d{0,5}$/)
  .describe("A clause's stable reference: `PRIV-3`.");

/** Where the same thing is on the website, for people. */
export const pageUrl = z.url().describe("The same thing's page on the website.");
