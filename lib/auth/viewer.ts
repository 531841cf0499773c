import { cache } from "react";
import { auth } from "@/lib/auth";
import { loadViewer, type Viewer } from "@/lib/community/queries";
import { getDb } from "@/lib/db/client";

/** The signed-in person for this request, or null. Read once per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? loadViewer(getDb(), userId) : null;
});
