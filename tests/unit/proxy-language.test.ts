import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { LOCALE_COOKIE } from "@/lib/locale";
import { proxy } from "@/proxy";

const at = "http://127.0.0.1:3000/standards/iotmark";

const page = (headers: Record<string, string> = {}) => proxy(new NextRequest(at, { headers }));

// Caches keep one copy per language: every page says what it varies by and, where no one is
// signed in, which language it is in.
describe("the language a page is in", () => {
  it("follows the browser's languages", () => {
    expect(page({ "accept-language": "fr-CH, de;q=0.5" }).headers.get("content-language")).toBe(
      "fr",
    );
  });

  it("follows the switcher's cookie before the browser's languages", () => {
    const response = page({ "accept-language": "fr", cookie: `${LOCALE_COOKIE}=de` });
    expect(response.headers.get("content-language")).toBe("de");
  });

  it("is English when nothing names a language Hum has", () => {
    const response = page({ "accept-language": "es", cookie: `${LOCALE_COOKIE}=xx` });
    expect(response.headers.get("content-language")).toBe("en");
  });

  it("is left to the page for someone signed in, whose profile may choose another", () => {
    for (const name of ["authjs.session-token", "__Secure-authjs.session-token"]) {
      const response = page({ "accept-language": "fr", cookie: `${name}=abc` });
      expect(response.headers.get("content-language")).toBeNull();
    }
  });

  it("varies with the browser's languages and cookies, signed in or not", () => {
    for (const response of [page(), page({ cookie: "authjs.session-token=abc" })]) {
      expect(response.headers.get("vary")).toBe("Accept-Language, Cookie");
    }
  });
});
