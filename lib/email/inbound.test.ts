import { describe, expect, it } from "vitest";
import { parseInboundEvent } from "@/lib/email/inbound";

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
