import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "@/lib/email/webhook";

const KEY = randomBytes(24);
const SECRET = `whsec_${KEY.toString("base64")}`;
const NOW = new Date("2026-11-24T10:00:00Z");
const NOW_S = Math.floor(NOW.getTime() / 1000);
const BODY = JSON.stringify({ type: "email.received", data: { email_id: "e1" } });

// Signs independently of the implementation, following Svix's published recipe.
function sign(body: string, id: string, ts: number, key: Buffer = KEY): string {
  return createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest("base64");
}
const v1 = (ts = NOW_S) => `v1,${sign(BODY, "msg_2abc", ts)}`;

function headers(signature: string, ts = NOW_S, id = "msg_2abc"): Headers {
  return new Headers({ "svix-id": id, "svix-timestamp": String(ts), "svix-signature": signature });
}

const verify = (h: Headers, body = BODY, secret = SECRET, toleranceSeconds?: number) =>
  verifyWebhook({ body, headers: h, secret, now: NOW, toleranceSeconds });
const refused = (reason: string) => ({ ok: false, reason });

describe("verifyWebhook", () => {
  it("accepts a valid signature", () => {
    expect(verify(headers(v1()))).toEqual({ ok: true });
  });

  it("accepts a secret-rotation header where only one of several v1 entries matches", () => {
    const wrong = sign(BODY, "msg_2abc", NOW_S, randomBytes(24));
    expect(verify(headers(`v1,${wrong} v1a,xyz ${v1()}`))).toEqual({ ok: true });
  });

  it("accepts the white-labelled webhook-* headers", () => {
    const h = new Headers({
      "webhook-id": "msg_2abc",
      "webhook-timestamp": String(NOW_S),
      "webhook-signature": v1(),
    });
    expect(verify(h)).toEqual({ ok: true });
  });

  it("refuses a changed body, another secret's signature, or another message id", () => {
    expect(verify(headers(v1()), BODY.replace("e1", "e2"))).toEqual(refused("signature mismatch"));
    const foreign = `v1,${sign(BODY, "msg_2abc", NOW_S, randomBytes(24))}`;
    expect(verify(headers(foreign))).toEqual(refused("signature mismatch"));
    expect(verify(headers(v1(), NOW_S, "msg_other"))).toEqual(refused("signature mismatch"));
  });

  it("refuses an old timestamp even when correctly signed (replay)", () => {
    const ts = NOW_S - 301;
    expect(verify(headers(v1(ts), ts))).toEqual(refused("timestamp too old (possible replay)"));
  });

  it("refuses a timestamp far in the future, accepts one at the window's edge", () => {
    const future = NOW_S + 301;
    expect(verify(headers(v1(future), future))).toEqual(refused("timestamp too far in the future"));
    expect(verify(headers(v1(NOW_S - 300), NOW_S - 300))).toEqual({ ok: true });
  });

  it("honours a custom tolerance", () => {
    const ts = NOW_S - 60;
    expect(verify(headers(v1(ts), ts), BODY, SECRET, 30).ok).toBe(false);
    expect(verify(headers(v1(ts), ts), BODY, SECRET, 90).ok).toBe(true);
  });

  it.each(["svix-id", "svix-timestamp", "svix-signature"])("refuses a missing %s", (name) => {
    const h = headers(v1());
    h.delete(name);
    expect(verify(h)).toEqual(refused(`missing ${name} header`));
  });

  it("refuses a header with no v1 entry, or a garbled one", () => {
    const sig = sign(BODY, "msg_2abc", NOW_S);
    const noV1 = refused("no v1 signature in svix-signature header");
    expect(verify(headers(`v2,${sig}`))).toEqual(noV1);
    expect(verify(headers(sig))).toEqual(noV1);
    expect(verify(headers("v1,not*base64"))).toEqual(noV1);
    expect(verify(headers(`v1,${sig.slice(0, 20)}`))).toEqual(refused("signature mismatch"));
  });

  it("refuses a malformed timestamp", () => {
    const h = headers(v1());
    h.set("svix-timestamp", "2026-11-24T10:00:00Z");
    expect(verify(h)).toEqual(refused("malformed svix-timestamp header"));
  });

  it.each(["", "whsec_", KEY.toString("base64"), "whsec_no*base64!", "sk_live_abc"])(
    "refuses the malformed secret %j",
    (secret) => {
      const reason = "malformed webhook secret (expected whsec_<base64>)";
      expect(verify(headers(v1()), BODY, secret)).toEqual(refused(reason));
    },
  );
});
