import "server-only";
import type { Endpoint } from "@/lib/api/endpoint";
import { callsEndpoints } from "@/lib/api/endpoints/calls";
import { challengesEndpoints } from "@/lib/api/endpoints/challenges";
import { discussionEndpoints } from "@/lib/api/endpoints/discussion";
import { draftEndpoints } from "@/lib/api/endpoints/draft";
import { groupsEndpoints } from "@/lib/api/endpoints/groups";
import { logEndpoints } from "@/lib/api/endpoints/log";
import { registryEndpoints } from "@/lib/api/endpoints/registry";
import { releasesEndpoints } from "@/lib/api/endpoints/releases";
import { standardsEndpoints } from "@/lib/api/endpoints/standards";
import { writesEndpoints } from "@/lib/api/endpoints/writes";

/** Every endpoint of /api/v1, in the order the reference page lists them. */
export const apiEndpoints: readonly Endpoint[] = [
  ...standardsEndpoints,
  ...releasesEndpoints,
  ...draftEndpoints,
  ...discussionEndpoints,
  ...callsEndpoints,
  ...groupsEndpoints,
  ...logEndpoints,
  ...registryEndpoints,
  ...challengesEndpoints,
  ...writesEndpoints,
];
