import "server-only";
import type { Endpoint } from "@/lib/api/endpoint";

/** Challenges and misuse reports. */
export const challengesEndpoints: Endpoint[] = [];
