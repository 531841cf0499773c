import { describe, expect, it } from "vitest";
import { bareAddress, bareAddresses, extractReply, htmlToText } from "@/lib/email/reply-text";

describe("extractReply", () => {
  it("Gmail: cuts at the attribution line", () => {
    const body = [
      'I agree with the change to clause 4.2, but the second sentence should say "must".',
      "",
      "On Tue, 24 Nov 2026 at 10:00, Ann <ann@example.org> wrote:",
      '> Should 4.2 say "should" or "must"?',
      ">",
      "> Ann",
    ].join("\n");
    expect(extractReply(body)).toBe(
      'I agree with the change to clause 4.2, but the second sentence should say "must".',
    );
  });

  it("Gmail: attribution wrapped onto two lines, CRLF line endings", () => {
    const body = [
      "Thanks, merged.",
      "",
      "On Tue, Nov 24, 2026 at 10:00 AM Ann Example-Longname <",
      "ann.example-longname@example.org> wrote:",
      "",
      "> Proposal text",
    ].join("\r\n");
    expect(extractReply(body)).toBe("Thanks, merged.");
  });

  it("Apple Mail on iPhone: drops the trailer and the quote", () => {
    const body = [
      "Works for me.",
      "",
      "Sent from my iPhone",
      "",
      "> On 24 Nov 2026, at 10:00, Ann <ann@example.org> wrote:",
      "> ",
      "> Can we meet on Friday?",
    ].join("\n");
    expect(extractReply(body)).toBe("Works for me.");
  });

  it("Apple Mail on macOS: unquoted attribution followed by quoted text", () => {
    const body = "Yes.\n\n> On 24. Nov 2026, at 10:00, Ann wrote:\n>\n> Ready?\n";
    expect(extractReply(body)).toBe("Yes.");
  });

  it("Outlook desktop: underscore rule and From/Sent block", () => {
    const body = [
      "Please see my comments on the definitions.",
      "",
      "Regards,",
      "Bob",
      "________________________________",
      "From: Ann Example <ann@example.org>",
      "Sent: Tuesday, November 24, 2026 10:00 AM",
      "To: Bob <bob@example.org>",
      "Subject: Re: Clause 3 definitions",
      "",
      "Old text",
    ].join("\r\n");
    expect(extractReply(body)).toBe("Please see my comments on the definitions.\n\nRegards,\nBob");
  });

  it("Outlook: header block without a rule, bold labels", () => {
    const body = "New point.\n\n*From:* Ann <ann@example.org>\n*Sent:* Tuesday\n*To:* Bob\n\nOld";
    expect(extractReply(body)).toBe("New point.");
  });

  it("Older Outlook: -----Original Message-----", () => {
    const body = "OK by me.\n\n-----Original Message-----\nFrom: Ann\nSent: Tuesday\n\nOld text";
    expect(extractReply(body)).toBe("OK by me.");
  });

  it("interleaved plain > quoting keeps only the new lines", () => {
    const body = [
      "> 1. Rename the section?",
      "",
      "Yes.",
      "",
      ">> nested older quote",
      "> 2. Drop the appendix?",
      "",
      "No, it is referenced from clause 7.",
      "",
    ].join("\n");
    expect(extractReply(body)).toBe("Yes.\n\nNo, it is referenced from clause 7.");
  });

  it("standard signature separator '-- ' drops the signature", () => {
    const body = "Short answer: yes.\n\n-- \nBob Builder\nStandards Lead, Example Corp\n";
    expect(extractReply(body)).toBe("Short answer: yes.");
  });

  it("signature separator without the trailing space", () => {
    expect(extractReply("Fine.\n--\nBob")).toBe("Fine.");
  });

  it("a reply that is only a quote becomes empty", () => {
    const body = "On Tue, 24 Nov 2026 at 10:00, Ann <ann@example.org> wrote:\n> Anything?\n";
    expect(extractReply(body)).toBe("");
    expect(extractReply("> just quoting\n>\n> back\n\n")).toBe("");
    expect(extractReply("\n\n  \n")).toBe("");
  });

  it("German Gmail attribution", () => {
    const body =
      "Einverstanden.\n\nAm Di., 24. Nov. 2026 um 10:00 Uhr schrieb Ann <ann@example.org>:\n> Text";
    expect(extractReply(body)).toBe("Einverstanden.");
  });

  it("Thunderbird attribution and Outlook mobile trailer", () => {
    expect(extractReply("Noted.\n\nOn 24/11/2026 10:00, Ann wrote:\n> x")).toBe("Noted.");
    expect(
      extractReply("Noted.\n\nGet Outlook for iOS\n________________________________\nFrom: A"),
    ).toBe("Noted.");
  });

  it("keeps prose that only resembles history markers", () => {
    const body = [
      "On reflection, this is what I wrote:",
      "the scope must exclude hardware.",
      "",
      "From: the charter, section 2.",
      "",
      "---",
      "",
      "Sent items are not affected.",
      "-- not a signature",
    ].join("\n");
    expect(extractReply(body)).toBe(body);
  });

  it("leaves a reply without history unchanged apart from trimming", () => {
    expect(extractReply("\n\n  Line one  \nLine two\n\n\n\nLine three\n\n")).toBe(
      "Line one\nLine two\n\nLine three",
    );
  });

  it("works on text derived from a Gmail HTML reply", () => {
    const html =
      '<div dir="ltr">Agreed.<div><br></div><div>Ann</div></div><br><div class="gmail_quote">' +
      '<div class="gmail_attr">On Tue, 24 Nov 2026 at 10:00, Bob &lt;<a href="mailto:bob@example.org">' +
      "bob@example.org</a>&gt; wrote:<br></div><blockquote>Old text</blockquote></div>";
    expect(extractReply(htmlToText(html))).toBe("Agreed.\n\nAnn");
  });
});

describe("htmlToText", () => {
  it("keeps line breaks for <br>, </p> and block ends, and strips tags", () => {
    expect(htmlToText("<p>One<br/>Two</p><p>Three <b>bold</b></p>")).toBe("One\nTwo\n\nThree bold");
  });

  it("never leaves more than one blank line", () => {
    expect(htmlToText("<p>a</p><p></p><div><br></div><p>b</p>")).toBe("a\n\nb");
  });

  it("drops head, style, script and comments; collapses source whitespace", () => {
    const html =
      "<html><head><title>T</title><style>p{color:red}</style></head><body><!-- x -->\n" +
      "<script>alert(1)</script><p>Hello\n   world</p></body></html>";
    expect(htmlToText(html)).toBe("Hello world");
  });

  it("decodes basic and numeric entities once, after tags are gone", () => {
    expect(htmlToText("a &amp; b &lt;b&gt; &quot;q&quot; &#39;s&#x27; &#8212;&nbsp;x")).toBe(
      "a & b <b> \"q\" 's' — x",
    );
    expect(htmlToText("&amp;lt; &unknown; &#0; &#xD800;")).toBe("&lt; &unknown; &#0; &#xD800;");
  });
});

describe("bareAddress", () => {
  it.each([
    ["ann@example.org", "ann@example.org"],
    ["  Ann <ANN@Example.org>  ", "ann@example.org"],
    ["<mailto:ann@example.org>", "ann@example.org"],
    ["ann@example.org (Ann Example)", "ann@example.org"],
    ["Ann", null],
    ["a@b@c", null],
    ["", null],
  ])("%j → %j", (input, expected) => {
    expect(bareAddress(input)).toBe(expected);
  });

  it("bareAddresses splits header lists on top-level commas only", () => {
    expect(bareAddresses('"Doe, Jane" <jane@x.org>, bob@y.org,, <c@z.org>')).toEqual([
      "jane@x.org",
      "bob@y.org",
      "c@z.org",
    ]);
    expect(bareAddresses(["Doe, Jane <jane@x.org>", "undisclosed-recipients:;"])).toEqual([
      "jane@x.org",
    ]);
    expect(bareAddresses(null)).toEqual([]);
  });
});
