import "server-only";
import { cache } from "react";
import { auth } from "@/lib/auth";
import { loadViewer, type Viewer } from "@/lib/community/viewer";
import { getDb } from "@/lib/db/client";

/**
 * The signed-in person for this request, or null. Read once per request. Kept apart from
 * `viewer.ts` so that code outside a request (the scheduler, tests) never loads Auth.js.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? loadViewer(getDb(), userId) : null;
});
