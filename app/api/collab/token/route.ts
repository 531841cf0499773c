import { mintCollabToken } from "@/lib/collab/token";
import { getViewer } from "@/lib/community/request-viewer";
import { getEnv } from "@/lib/env";

/** A short-lived token for the collab server, for the signed-in person only. */
export async function GET() {
  const viewer = await getViewer();
  const secret = getEnv().AUTH_SECRET;
  if (!viewer || !secret) {
    return Response.json(
      { error: "unauthenticated" },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  }
  return Response.json(
    { token: mintCollabToken(viewer.id, secret) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
