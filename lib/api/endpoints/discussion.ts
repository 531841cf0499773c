import "server-only";
import type { Endpoint } from "@/lib/api/endpoint";

/** Threads and comments on clauses, as the public sees them (hidden comments without their words). */
export const discussionEndpoints: Endpoint[] = [];
