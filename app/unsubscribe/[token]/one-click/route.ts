import { getDb } from "@/lib/db/client";
import { authSecret } from "@/lib/env";
import { unsubscribe } from "@/lib/notifications/mutations";
import { readUnsubscribeToken } from "@/lib/notifications/tokens";

/**
 * RFC 8058 one-click unsubscribe: mail clients POST here (List-Unsubscribe-Post). No session,
 * no cookies; the signed token can end one watch and nothing else. GET does nothing, so link
 * scanners that prefetch cannot unsubscribe anyone.
 */
export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const target = readUnsubscribeToken((await params).token, authSecret());
  if (!target) return new Response("Unknown subscription.", { status: 404 });
  await unsubscribe(getDb(), target.watchId, target.userId);
  return new Response("Unsubscribed.", { status: 200 });
}
