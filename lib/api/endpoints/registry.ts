import "server-only";
import type { Endpoint } from "@/lib/api/endpoint";

/** The registry: organisations and declarations. */
export const registryEndpoints: Endpoint[] = [];
