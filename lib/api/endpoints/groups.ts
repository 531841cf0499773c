import "server-only";
import type { Endpoint } from "@/lib/api/endpoint";

/** The advisory group and the steering committee, members and terms. */
export const groupsEndpoints: Endpoint[] = [];
