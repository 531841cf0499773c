import "server-only";
import type { Endpoint } from "@/lib/api/endpoint";

/** The working draft: clauses with their revisions, and prose sections. */
export const draftEndpoints: Endpoint[] = [];
