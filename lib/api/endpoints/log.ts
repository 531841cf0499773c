import "server-only";
import type { Endpoint } from "@/lib/api/endpoint";

/** The transparency log. */
export const logEndpoints: Endpoint[] = [];
