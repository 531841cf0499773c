import "server-only";
import type { Endpoint } from "@/lib/api/endpoint";

/** What a token may do: comment and reply, take a position. */
export const writesEndpoints: Endpoint[] = [];
