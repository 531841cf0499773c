import { describe, expect, it } from "vitest";
import type { Personal } from "@/lib/decisions/member-pages";
import { MEMBER_CACHE, memberEntry, personalized } from "@/lib/http/front-members";
import { PERSONAL_ELEMENT_ID } from "@/lib/http/member-markers";

const nonce = "b2xkLW5vbmNlLW9mLW5leHQtanM=";
const page = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><script nonce="${nonce}" src="/_next/a.js" async=""></script></head><body class="flex"><main>The call</main><script nonce="${nonce}">self.__next_f.push([1,"x"])</script></body></html>`;
const answered = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
  "x-frame-options": "DENY",
  "set-cookie": ["hum-notice=; Max-Age=0"],
  "cache-control": "private, no-cache",
};
const personal: Personal = {
  name: "Rosa </script><script>alert(1)</script>",
  color: "#1d4ed8",
  call: null,
  watching: [],
  threads: { settle: [], sources: { c1: "My <b>own</b> words" } },
};

describe("a member's kept page, served to one reader", () => {
  const entry = memberEntry(page, answered);

  it("keeps what says what the page is, and never a cookie", () => {
    expect(entry.nonce).toBe(nonce);
    expect(entry.headers).not.toHaveProperty("set-cookie");
    expect(entry.headers["x-frame-options"]).toBe("DENY");
  });

  it("gets a fresh nonce each time, in its scripts and its policy alike", () => {
    const first = personalized(entry, "/standards/iotmark/calls/42", personal);
    const second = personalized(entry, "/standards/iotmark/calls/42", personal);
    expect(first.html).not.toContain(nonce);
    const fresh = String(first.headers["content-security-policy"]).match(/'nonce-([^']+)'/)?.[1];
    expect(fresh).toBeTruthy();
    expect(first.html.split(`nonce="${fresh}"`)).toHaveLength(3);
    expect(second.html).not.toContain(`nonce="${fresh}"`);
    expect(first.headers["cache-control"]).toBe(MEMBER_CACHE);
  });

  it("carries the reader's parts as data that cannot end its element", () => {
    const { html } = personalized(entry, "/standards/iotmark/calls/42", personal);
    const start = html.indexOf(`<script type="application/json" id="${PERSONAL_ELEMENT_ID}">`);
    expect(start).toBe(html.indexOf('<body class="flex">') + '<body class="flex">'.length);
    const element = html.slice(start, html.indexOf("</script>", start));
    expect(element).not.toMatch(/<script>|<b>/);
    const json = element.slice(element.indexOf(">") + 1);
    expect(JSON.parse(json)).toEqual(personal);
  });

  it("sends a browser without scripts to the page drawn for the reader alone", () => {
    const { html } = personalized(
      entry,
      "/standards/iotmark/calls/42?view=side&module=SW",
      personal,
    );
    expect(html).toContain(
      '<noscript><meta http-equiv="refresh" content="0; url=/standards/iotmark/calls/42?view=side&amp;module=SW&amp;personal=1"></noscript></head>',
    );
  });
});
