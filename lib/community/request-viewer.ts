import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { auth } from "@/lib/auth";
import { openAudience, standInViewer } from "@/lib/community/audience";
import { loadViewer, type Viewer } from "@/lib/community/viewer";
import { getDb } from "@/lib/db/client";
import { authSecret } from "@/lib/env";
import { AUDIENCE_HEADER } from "@/lib/http/member-markers";

/**
 * The signed-in person for this request, or null. Read once per request. Kept apart from
 * `viewer.ts` so that code outside a request (the scheduler, tests) never loads Auth.js.
 *
 * A page the front keeps for an audience of members is drawn for a stand-in of that audience,
 * named in a header the front seals; a header that does not open with the site's secret counts
 * for nothing.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const sealed = (await headers()).get(AUDIENCE_HEADER);
  if (sealed) {
    const audience = openAudience(sealed, authSecret());
    if (audience) return standInViewer(audience);
  }
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? loadViewer(getDb(), userId) : null;
});
