import "server-only";
import type { Endpoint } from "@/lib/api/endpoint";

/** Releases, their content as in the `.json` export, and comparisons between them. */
export const releasesEndpoints: Endpoint[] = [];
