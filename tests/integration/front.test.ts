import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFront, documentOnly, type Front } from "@/lib/http/front";

/** A stand-in for Next.js that counts what reaches it and says who asked. */
let hits: { method: string; url: string; forwardedFor: string }[] = [];
const upstream = http.createServer((request, response) => {
  hits.push({
    method: request.method ?? "",
    url: request.url ?? "",
    forwardedFor: String(request.headers["x-forwarded-for"] ?? ""),
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

const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(`${base}${path}`, { headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
        })
        .on("error", reject);
    },
  );

describe("the front", () => {
  it("renders a release once, then serves it from memory as a document with an immutable ETag", async () => {
    hits = [];
    const page = "/standards/iotmark/v/1.1.0";
    const [first, second] = await Promise.all([get(page), get(page)]);
    const third = await get(page);
    expect(hits.filter((hit) => hit.url === page)).toHaveLength(1);
    for (const answer of [first, second, third]) {
      expect(answer.status).toBe(200);
      expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
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
    front.flush();
    await get("/standards/iotmark/v/1.1.0/SW-2");
    expect(hits).toHaveLength(5);
  });

  it("passes signed-in readers, missing releases, other pages and writes through to Next.js", async () => {
    hits = [];
    const signedIn = await get("/standards/iotmark/v/1.1.0", {
      Cookie: "authjs.session-token=abc",
    });
    expect(signedIn.body.toString()).toContain("<script");
    expect((await get("/standards/iotmark/v/9.9.9")).status).toBe(404);
    expect((await get("/standards/iotmark/v/9.9.9")).status).toBe(404);
    const latest = await get("/standards/iotmark");
    expect(latest.headers["cache-control"]).toBe("public, max-age=60");
    await get("/decisions");
    expect(hits.map((hit) => hit.url)).toEqual([
      "/standards/iotmark/v/1.1.0",
      "/standards/iotmark/v/9.9.9",
      "/standards/iotmark/v/9.9.9",
      "/standards/iotmark",
      "/decisions",
    ]);
  });

  it("tells Next.js who the client is, after any proxy in front of it", async () => {
    hits = [];
    await get("/groups", { "X-Forwarded-For": "203.0.113.7" });
    expect(hits[0]?.forwardedFor).toBe("203.0.113.7, 127.0.0.1");
  });

  it("keeps stylesheets and drops scripts and their preloads", () => {
    expect(
      documentOnly(
        '<head><link rel="stylesheet" href="/a.css"><link rel="preload" href="/b.js" as="script"></head><p>x</p><script async src="/c.js"></script><script>\nalert(1)\n</script>',
      ),
    ).toBe('<head><link rel="stylesheet" href="/a.css"></head><p>x</p>');
  });
});
