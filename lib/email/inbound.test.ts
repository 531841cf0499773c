import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  mintReplyToken,
  parseInboundEvent,
  readReplyAddress,
  replyAddressFor,
  verifyWebhook,
} from "@/lib/email/inbound";

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

// The documented webhook example, with the body merged in as the route will do after fetching.
const event = (data: Record<string, unknown>) => ({
  type: "email.received",
  created_at: "2026-02-22T23:41:12.126Z",
  data: {
    email_id: "56761188-7520-42d8-8898-ff6fc54ce618",
    created_at: "2026-02-22T23:41:11.894719+00:00",
    from: "Acme <onboarding@resend.dev>",
    to: ["delivered@resend.dev"],
    bcc: [],
    cc: [],
    message_id: "<example+123>",
    subject: "Sending this example",
    attachments: [{ id: "a1", filename: "avatar.png", content_type: "image/png" }],
    text: "Hello",
    ...data,
  },
});

describe("parseInboundEvent", () => {
  it("reads the documented email.received shape", () => {
    expect(parseInboundEvent(event({}))).toEqual({
      ok: true,
      email: {
        from: "onboarding@resend.dev",
        to: ["delivered@resend.dev"],
        cc: [],
        subject: "Sending this example",
        text: "Hello",
        messageId: "<example+123>",
        emailId: "56761188-7520-42d8-8898-ff6fc54ce618",
      },
    });
  });

  it("strips display names, lower-cases, and reads cc and comma lists", () => {
    const result = parseInboundEvent(
      event({
        from: '"Doe, Jane" <Jane.Doe@Example.ORG>',
        to: ["Hum <reply+V1ABC@Hum.Example>", "undisclosed-recipients:;", "bob@example.org"],
        cc: 'Ann <ann@example.org>, "C, D" <cd@example.org>',
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      email: {
        from: "jane.doe@example.org",
        to: ["reply+v1abc@hum.example", "bob@example.org"],
        cc: ["ann@example.org", "cd@example.org"],
      },
    });
  });

  it("reads a Receiving API email with headers and takes In-Reply-To from them", () => {
    const result = parseInboundEvent({
      object: "email",
      id: "e-42",
      from: "ann@example.org",
      to: "reply+v1abc@hum.example",
      subject: null,
      text: "Reply",
      html: null,
      headers: { "In-Reply-To": "<n-1@hum.example> (comment)", "X-Other": "1" },
      message_id: "<r-1@mail.example>",
    });
    expect(result).toEqual({
      ok: true,
      email: {
        from: "ann@example.org",
        to: ["reply+v1abc@hum.example"],
        cc: [],
        subject: "",
        text: "Reply",
        messageId: "<r-1@mail.example>",
        inReplyTo: "<n-1@hum.example>",
        emailId: "e-42",
      },
    });
  });

  it("derives text from HTML when the text part is missing or blank", () => {
    const result = parseInboundEvent(
      event({ text: "  ", html: "<div>Agreed &amp; thanks<br>Ann</div><p>Second</p>" }),
    );
    expect(result).toMatchObject({ ok: true, email: { text: "Agreed & thanks\nAnn\nSecond" } });
  });

  it("fails with the email id when the webhook has no body yet", () => {
    const bare = event({});
    delete (bare.data as { text?: string }).text;
    expect(parseInboundEvent(bare)).toEqual({
      ok: false,
      reason: "no text or html body (the webhook carries none: fetch the email by its id)",
      emailId: "56761188-7520-42d8-8898-ff6fc54ce618",
    });
  });

  it.each([
    [/^event: /, null],
    [/^event: /, "text"],
    [/^type: /, { data: {} }],
    [/^unexpected event type email.sent$/, { type: "email.sent", data: {} }],
    [/^data: /, { type: "email.received" }],
    [/^data\.from: /, event({ from: undefined })],
    [/^data\.from: /, event({ from: 42 })],
    [/^data\.to: /, event({ to: undefined })],
    [/^data\.to/, event({ to: [1] })],
    [/^from is not an email address$/, event({ from: "Ann Example" })],
    [/^to has no email address$/, event({ to: ["nobody"] })],
    [/^to has no email address$/, event({ to: [] })],
    [/^from: /, { object: "email", id: "x", to: ["a@b.c"] }],
  ])("refuses with reason %s", (reason, input) => {
    const result = parseInboundEvent(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe("reply tokens", () => {
  const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  const secret = "reply-secret-for-tests";
  const ids = {
    threadId: "0b0c4a4e-1f2d-4c3b-9a8e-7d6c5b4a3f21",
    userId: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
  };
  const token = mintReplyToken(ids, secret);
  const address = replyAddressFor(token, "reply.hum.example");

  it("is compact, versioned and made of lower-case email-safe characters", () => {
    expect(token).toMatch(/^v1[a-z2-7]+$/);
    // Two UUIDs: 34 payload bytes + 10 MAC bytes → 71 base32 characters, plus "v1".
    expect(token).toHaveLength(73);
    expect(address).toBe(`reply+${token}@reply.hum.example`);
  });

  it("round-trips, whatever the case of the address", () => {
    expect(readReplyAddress(address, secret)).toEqual(ids);
    expect(readReplyAddress(address.toUpperCase(), secret)).toEqual(ids);
    expect(readReplyAddress(address.toLowerCase(), secret)).toEqual(ids);
    expect(readReplyAddress(`"Hum discussion" <${address.toUpperCase()}>`, secret)).toEqual(ids);
  });

  it("round-trips non-UUID ids exactly, including upper case and Unicode", () => {
    const odd = { threadId: "Thread-ABC", userId: "usér_42" };
    const again = readReplyAddress(
      replyAddressFor(mintReplyToken(odd, secret), "h.example"),
      secret,
    );
    expect(again).toEqual(odd);
    const upperUuid = { threadId: ids.threadId.toUpperCase(), userId: "u" };
    expect(
      readReplyAddress(replyAddressFor(mintReplyToken(upperUuid, secret), "h"), secret),
    ).toEqual(upperUuid);
  });

  it("finds the reply address among several recipients", () => {
    expect(readReplyAddress(["Ann <ann@example.org>", address], secret)).toEqual(ids);
    expect(readReplyAddress(`ann@example.org, Hum <${address}>`, secret)).toEqual(ids);
  });

  it("refuses a token signed with another secret", () => {
    expect(readReplyAddress(address, "another-secret")).toBeNull();
  });

  it("refuses every single-character change to the token", () => {
    const body = token.slice(2);
    for (let i = 0; i < body.length; i++) {
      const swapped = body[i] === "a" ? "b" : "a";
      const forged = `v1${body.slice(0, i)}${swapped}${body.slice(i + 1)}`;
      expect(readReplyAddress(`reply+${forged}@h.example`, secret), `position ${i}`).toBeNull();
    }
  });

  it("refuses a second spelling of the same bytes (unused padding bits set)", () => {
    // 44 bytes take 71 base32 characters; the last one carries 3 bits of zero padding.
    const last = ALPHABET.indexOf(token.at(-1) ?? "");
    const alias = `${token.slice(0, -1)}${ALPHABET[last ^ 1]}`;
    expect(readReplyAddress(`reply+${alias}@h.example`, secret)).toBeNull();
  });

  it.each([
    ["a wrong version", `reply+v2${token.slice(2)}@h.example`],
    ["a truncated token", `reply+${token.slice(0, -3)}@h.example`],
    ["an extended token", `reply+${token}aa@h.example`],
    ["a base64-ish token", `reply+${token.slice(0, 10)}_-${token.slice(12)}@h.example`],
    ["a digit outside base32", `reply+${token.slice(0, -1)}1@h.example`],
    ["no token", "reply+@h.example"],
    ["a plain address", "ann@example.org"],
    ["another prefix", `bounce+${token}@h.example`],
    ["garbage", "not an address"],
    ["the bare version", "reply+v1@h.example"],
  ])("returns null for %s", (_label, input) => {
    expect(readReplyAddress(input, secret)).toBeNull();
  });

  it("refuses a payload forged with a valid-looking MAC length", () => {
    const other = mintReplyToken({ threadId: ids.userId, userId: ids.threadId }, "attacker");
    expect(readReplyAddress(replyAddressFor(other, "h"), secret)).toBeNull();
  });

  it("refuses bad inputs when minting", () => {
    expect(() => mintReplyToken({ threadId: "", userId: "u" }, secret)).toThrow();
    expect(() => mintReplyToken({ threadId: "t", userId: "x".repeat(256) }, secret)).toThrow();
    expect(() => mintReplyToken(ids, "")).toThrow();
    expect(() => replyAddressFor("v1abc", "evil.example>\r\nBcc: x@y")).toThrow();
    expect(() => replyAddressFor("v1+abc", "h.example")).toThrow();
  });
});
