import "server-only";
import type { Endpoint } from "@/lib/api/endpoint";

/** Calls for consensus, with positions, votes and timeline. */
export const callsEndpoints: Endpoint[] = [];
