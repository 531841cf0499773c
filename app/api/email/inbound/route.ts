import { getDb } from "@/lib/db/client";
import { acceptInboundReply } from "@/lib/discussion/inbound";
import { fetchReceivedEmail } from "@/lib/email";
import { parseInboundEvent } from "@/lib/email/inbound";
import { readSignedWebhook } from "@/lib/email/webhook";
import { getEnv } from "@/lib/env";

/**
 * Resend's inbound email webhook: a reply to a notification becomes a comment. Every refusal is
 * one line in the log; the answer says only whether it was taken.
 */
export async function POST(request: Request) {
  const env = getEnv();
  if (!env.INBOUND_WEBHOOK_SECRET || !env.AUTH_SECRET)
    return new Response("Not configured.", { status: 404 });
  // The signature headers first: an unsigned or oversized body is never read (past its cap).
  const read = await readSignedWebhook(request, env.INBOUND_WEBHOOK_SECRET);
  if (!read.ok) {
    console.error(`inbound email: refused, ${read.reason}`);
    return read.status === 413
      ? new Response("Too large.", { status: 413 })
      : new Response("Bad signature.", { status: 401 });
  }
  const body = read.body;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    console.error("inbound email: refused, the body is not JSON");
    return new Response("Bad request.", { status: 400 });
  }
  let parsed = parseInboundEvent(json);
  // The webhook names the email; its text comes from the Receiving API.
  if (!parsed.ok && parsed.emailId) {
    const full = await fetchReceivedEmail(parsed.emailId);
    if (full) parsed = parseInboundEvent(full);
  }
  if (!parsed.ok) {
    console.error(`inbound email: refused, ${parsed.reason}`);
    return new Response("Unusable email.", { status: 422 });
  }
  const outcome = await acceptInboundReply(getDb(), parsed.email, env.AUTH_SECRET);
  if (!outcome.ok) {
    console.error(`inbound email from ${parsed.email.from}: refused, ${outcome.reason}`);
    return new Response("Refused.", { status: 422 });
  }
  return Response.json({ ok: true });
}
