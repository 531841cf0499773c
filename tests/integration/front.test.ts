import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFront, documentOnly, type Front } from "@/lib/http/front";
import { httpGet } from "@/tests/http-get";

/** A stand-in for Next.js that counts what reaches it and says who asked. */
let hits: {
  method: string;
  url: string;
  forwardedFor: string;
  cookie: string;
  acceptLanguage: string;
}[] = [];
const upstream = http.createServer((request, response) => {
  hits.push({
    method: request.method ?? "",
    url: request.url ?? "",
    forwardedFor: String(request.headers["x-forwarded-for"] ?? ""),
    cookie: String(request.headers.cookie ?? ""),
    acceptLanguage: String(request.headers["accept-language"] ?? ""),
  });
  if (request.url?.includes("9.9.9")) {
    response.writeHead(404, { "Content-Type": "text/html" }).end("<p>no such release</p>");
    return;
  }
  response
    .writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private" })
    .end(
      `<html><head><title>R</title><link rel="preload" as="script" href="/a.js"><link rel="stylesheet" href="/s.css"></head><body><main>Release ${request.url}</main><script src="/a.js" async></script><script>self.__next_f.push([1,"x"])</script></body></html>`,
    );
});
let front: Front;
let base: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const { port } = upstream.address() as AddressInfo;
  front = createFront({ host: "127.0.0.1", port });
  await new Promise<void>((resolve) => front.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  front.server.closeAllConnections();
  await new Promise((resolve) => front.server.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

const htmlCacheControl = "public, max-age=60, must-revalidate";

const get = (path: string, headers: Record<string, string> = {}, origin = base) =>
  httpGet(`${origin}${path}`, headers);

describe("the front", () => {
  it("renders a release once, then serves it from memory as a document with an ETag", async () => {
    hits = [];
    const page = "/standards/iotmark/v/1.1.0";
    const [first, second] = await Promise.all([get(page), get(page)]);
    const third = await get(page);
    expect(hits.filter((hit) => hit.url === page)).toHaveLength(1);
    for (const answer of [first, second, third]) {
      expect(answer.status).toBe(200);
      expect(answer.headers["cache-control"]).toBe(htmlCacheControl);
      expect(answer.body.toString()).toContain(`Release ${page}`);
      expect(answer.body.toString()).not.toContain("<script");
      expect(answer.body.toString()).toContain('rel="stylesheet"');
    }
    const etag = String(third.headers.etag);
    expect((await get(page, { "If-None-Match": etag })).status).toBe(304);
    const zipped = await get(page, { "Accept-Encoding": "gzip, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.body).equals(third.body)).toBe(true);
  });

  it("keeps each level filter and clause address apart, and forgets everything on flush", async () => {
    hits = [];
    await get("/standards/iotmark/v/1.1.0?level=Silver");
    await get("/standards/iotmark/v/1.1.0/SW-2");
    await get("/standards/iotmark/v/1.1.0.json");
    await get("/standards/iotmark/compare/1.0.0...1.1.0");
    expect(hits).toHaveLength(4);
    front.touch(["*"]);
    await get("/standards/iotmark/v/1.1.0/SW-2");
    expect(hits).toHaveLength(5);
  });

  it("passes signed-in readers, missing releases and personal pages through to Next.js", async () => {
    hits = [];
    const signedIn = await get("/standards/iotmark/v/1.1.0", {
      Cookie: "authjs.session-token=abc",
    });
    expect(signedIn.body.toString()).toContain("<script");
    // Next.js's own pages vary with the reader's language too.
    expect(signedIn.headers.vary).toBe("Accept-Language, Cookie");
    expect((await get("/standards/iotmark/v/9.9.9")).status).toBe(404);
    expect((await get("/standards/iotmark/v/9.9.9")).status).toBe(404);
    const latest = await get("/standards/iotmark");
    expect(latest.headers["cache-control"]).toBe("no-cache");
    expect(latest.body.toString()).not.toContain("<script");
    await get("/standards/iotmark");
    await get("/decisions");
    await get("/decisions");
    expect(hits.map((hit) => hit.url)).toEqual([
      "/standards/iotmark/v/1.1.0",
      "/standards/iotmark/v/9.9.9",
      "/standards/iotmark/v/9.9.9",
      "/standards/iotmark",
      "/decisions",
      "/decisions",
    ]);
  });

  it("draws a release narrowed to a framework each time, and without scripts", async () => {
    hits = [];
    const page = "/standards/iotmark/v/1.0.0?framework=etsi-en-303-645";
    const first = await get(page);
    const second = await get(page);
    expect(hits.map((hit) => hit.url)).toEqual([page, page]);
    for (const answer of [first, second]) {
      expect(answer.status).toBe(200);
      expect(answer.body.toString()).not.toContain("<script");
      expect(answer.headers["content-security-policy"]).toContain("script-src 'none'");
    }
    const signedIn = await get(page, { Cookie: "authjs.session-token=abc" });
    expect(signedIn.body.toString()).toContain("<script");
  });

  it("renders a release page once whatever other parameters a request adds", async () => {
    hits = [];
    const page = "/standards/iotmark/v/1.0.0";
    const answers = [];
    for (let n = 0; n < 150; n++) answers.push(await get(`${page}?cb=${n}`));
    expect(hits.map((hit) => hit.url)).toEqual([page]);
    expect(new Set(answers.map((answer) => answer.headers.etag)).size).toBe(1);
    await get(`${page}?level=Gold&cb=1`);
    await get(`${page}?cb=2&level=Gold`);
    expect(hits.map((hit) => hit.url)).toEqual([page, `${page}?level=Gold`]);
  });

  it("keeps each view of a comparison apart, and renders each once", async () => {
    hits = [];
    const page = "/standards/iotmark/compare/1.0.0...1.2.0";
    await get(page);
    await get(`${page}?view=side`);
    await get(`${page}?cb=1&view=side`);
    await get(`${page}?view=inline`);
    await get(`${page}?view=sideways`);
    const side = await get(`${page}?view=side`);
    expect(side.body.toString()).toContain(`Release ${page}?view=side`);
    expect(hits.map((hit) => hit.url)).toEqual([page, `${page}?view=side`, `${page}?view=inline`]);
  });

  it("passes a client navigation's React payload request through whole, never kept", async () => {
    hits = [];
    const page = "/standards/iotmark/v/1.0.0?level=Gold";
    await get(page); // the document is kept (an earlier test may have kept it already)
    hits = [];
    for (let n = 0; n < 2; n++) {
      const payload = await get(`${page}&_rsc=abc`, { RSC: "1" });
      expect(payload.body.toString()).toContain("<script");
      await get(`/standards/iotmark/v/1.0.0?_rsc=def`);
    }
    expect(hits.map((hit) => hit.url)).toEqual([
      `${page}&_rsc=abc`,
      "/standards/iotmark/v/1.0.0?_rsc=def",
      `${page}&_rsc=abc`,
      "/standards/iotmark/v/1.0.0?_rsc=def",
    ]);
  });

  it("keeps a bounded number of level filters per page", async () => {
    hits = [];
    const page = "/standards/iotmark/v/1.0.1";
    for (let round = 0; round < 2; round++) {
      for (let n = 0; n < 20; n++) await get(`${page}?level=L${n}`);
    }
    // The first few are kept and rendered once; the rest are rendered but never kept.
    expect(hits.length).toBeLessThan(40);
    expect(hits.filter((hit) => hit.url === `${page}?level=L0`)).toHaveLength(1);
    expect(hits.filter((hit) => hit.url === `${page}?level=L19`)).toHaveLength(2);
  });

  it("gives release pages a short max-age (banners change) and exports a year", async () => {
    const page = await get("/standards/iotmark/v/1.1.0/SW-3");
    expect(page.headers["cache-control"]).toBe(htmlCacheControl);
    expect(
      (await get("/standards/iotmark/v/1.1.0/SW-3", { "If-None-Match": String(page.headers.etag) }))
        .status,
    ).toBe(304);
    for (const exported of ["/standards/iotmark/v/1.1.0.md", "/standards/iotmark/v/1.1.0.json"]) {
      expect((await get(exported)).headers["cache-control"]).toBe(
        "public, max-age=31536000, immutable",
      );
    }
  });

  it("sends security headers on what it serves itself, HSTS only for an https origin", async () => {
    const page = await get("/standards/iotmark/v/1.1.0");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(page.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(page.headers["content-security-policy"]).toContain("script-src 'none'");
    expect(page.headers["strict-transport-security"]).toBeUndefined();
    const secure = createFront(
      { host: "127.0.0.1", port: (upstream.address() as AddressInfo).port },
      { hsts: true },
    );
    await new Promise<void>((resolve) => secure.server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (secure.server.address() as AddressInfo).port;
      const answer = await get("/standards/iotmark/v/1.1.0", {}, `http://127.0.0.1:${port}`);
      expect(answer.headers["strict-transport-security"]).toBe("max-age=31536000");
      expect(answer.headers["x-frame-options"]).toBe("DENY");
    } finally {
      secure.server.closeAllConnections();
      await new Promise((resolve) => secure.server.close(resolve));
    }
  });

  it("answers a missing export without repeating the address", async () => {
    const { GET } = await import("@/app/standards/[slug]/exports/[version]/[format]/route");
    const answer = await GET(new Request("http://hum.test/x"), {
      params: Promise.resolve({
        slug: "<script>alert(1)</script>",
        version: "9.9.9",
        format: "xml",
      }),
    });
    expect(answer.status).toBe(404);
    const text = await answer.text();
    expect(text).not.toContain("script");
    expect(text).not.toContain("9.9.9");
  });

  it("tells Next.js who the client is, after any proxy in front of it", async () => {
    hits = [];
    await get("/groups", { "X-Forwarded-For": "203.0.113.7" });
    expect(hits[0]?.forwardedFor).toBe("203.0.113.7, 127.0.0.1");
  });

  it("keeps each language apart, drawn with the reader's language and nothing else of theirs", async () => {
    hits = [];
    const path = "/standards/iotmark/v/4.4.4";
    const french = await get(path, { "accept-language": "fr-CH, fr;q=0.9" });
    const german = await get(path, { cookie: "hum-locale=de; other=1", "accept-language": "fr" });
    const english = await get(path, { "accept-language": "es" });
    const frenchAgain = await get(path, { cookie: "hum-locale=xx", "accept-language": "fr" });
    expect([french, german, english].map((r) => r.headers["content-language"])).toEqual([
      "fr",
      "de",
      "en",
    ]);
    expect(frenchAgain.headers.etag).toBe(french.headers.etag);
    expect(french.headers.vary).toBe("Accept-Encoding, Accept-Language, Cookie");
    // One render per language; each asked in that language alone.
    expect(hits.map((hit) => [hit.cookie, hit.acceptLanguage])).toEqual([
      ["hum-locale=fr", ""],
      ["hum-locale=de", ""],
      ["hum-locale=en", ""],
    ]);
  });

  it("draws the sign-in page with a page to return to each time, without scripts", async () => {
    hits = [];
    const first = await get("/sign-in?next=%2Fstandards%2Fiotmark");
    await get("/sign-in?next=%2Fstandards%2Fiotmark");
    expect(first.body.toString()).not.toContain("<script");
    expect(first.headers["content-security-policy"]).toContain("script-src 'none'");
    expect(hits.map((hit) => hit.url)).toEqual([
      "/sign-in?next=%2Fstandards%2Fiotmark",
      "/sign-in?next=%2Fstandards%2Fiotmark",
    ]);
    hits = [];
    await get("/sign-in");
    const kept = await get("/sign-in?utm=1");
    expect(kept.body.toString()).not.toContain("<script");
    expect(hits.map((hit) => hit.url)).toEqual(["/sign-in"]);
  });

  it("keeps stylesheets and drops scripts and their preloads", () => {
    expect(
      documentOnly(
        '<head><link rel="stylesheet" href="/a.css"><link rel="preload" href="/b.js" as="script"></head><p>x</p><script async src="/c.js"></script><script>\nalert(1)\n</script>',
      ),
    ).toBe('<head><link rel="stylesheet" href="/a.css"></head><p>x</p>');
  });
});
