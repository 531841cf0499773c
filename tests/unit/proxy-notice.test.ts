import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { NOTICE_COOKIE, NOTICE_HEADER } from "@/lib/actions/notice-cookie";
import { proxy } from "@/proxy";

const at = "http://127.0.0.1:3000/standards/iotmark/calls/7";

/** The request headers the page sees, as the proxy hands them on. */
function forwarded(response: Response): Headers {
  const names = (response.headers.get("x-middleware-override-headers") ?? "").split(",");
  const seen = new Headers();
  for (const name of names.filter(Boolean)) {
    seen.set(name, response.headers.get(`x-middleware-request-${name}`) ?? "");
  }
  return seen;
}

// A redirecting action leaves its notice in a cookie for the page it leads to, and only that one.
describe("the notice a redirect leaves", () => {
  it("goes to the page it leads to, in a header, and out of the browser", () => {
    const response = proxy(
      new NextRequest(at, { headers: { cookie: `a=1; ${NOTICE_COOKIE}=abc; b=2` } }),
    );
    expect(forwarded(response).get(NOTICE_HEADER)).toBe("abc");
    expect(response.headers.get("set-cookie")).toMatch(
      new RegExp(`${NOTICE_COOKIE}=;.*Expires=Thu, 01 Jan 1970`),
    );
  });

  it("is not a form post's: the post tells its own outcome", () => {
    const response = proxy(
      new NextRequest(at, {
        method: "POST",
        headers: { cookie: `a=1; ${NOTICE_COOKIE}=abc; b=2` },
      }),
    );
    const seen = forwarded(response);
    expect(seen.get("cookie")).toBe("a=1; b=2");
    expect(seen.get(NOTICE_HEADER)).toBeNull();
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("cannot be forged with the header alone", () => {
    const response = proxy(new NextRequest(at, { headers: { [NOTICE_HEADER]: "forged" } }));
    expect(forwarded(response).get(NOTICE_HEADER)).toBeNull();
  });
});
