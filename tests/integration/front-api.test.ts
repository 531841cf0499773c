import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFront, type Front } from "@/lib/http/front";
import { clauseTag } from "@/lib/http/front-tags";

/** A stand-in for Next.js's API route that counts what reaches it. */
let hits: { url: string; authorization: string }[] = [];
let answers = 0;
const upstream = http.createServer((request, response) => {
  hits.push({ url: request.url ?? "", authorization: String(request.headers.authorization ?? "") });
  answers += 1;
  if (request.headers.authorization === "Bearer hum_bad") {
    response.writeHead(401, { "Content-Type": "application/problem+json" }).end('{"status":401}');
    return;
  }
  if (request.url?.includes("nothing")) {
    response.writeHead(404, { "Content-Type": "application/problem+json" }).end('{"status":404}');
    return;
  }
  response
    .writeHead(200, { "Content-Type": "application/json; charset=utf-8" })
    .end(JSON.stringify({ url: request.url, answer: answers }));
});
let front: Front;
let base: string;
const LIMIT = 8;

beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const { port } = upstream.address() as AddressInfo;
  front = createFront(
    { host: "127.0.0.1", port },
    { origin: "https://hum.example", apiReadsPerMinute: LIMIT, trustedProxies: 1 },
  );
  await new Promise<void>((resolve) => front.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  front.server.closeAllConnections();
  await new Promise((resolve) => front.server.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

/** Each test speaks as its own client address (one trusted proxy vouches for it). */
const get = async (path: string, client: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${base}${path}`, {
    headers: { "X-Forwarded-For": client, ...headers },
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
};

describe("the front and the API", () => {
  it("keeps an anonymous read, with CORS, an ETag and the client's limit", async () => {
    hits = [];
    const first = await get("/api/v1/standards", "203.0.113.1");
    const second = await get("/api/v1/standards", "203.0.113.1");
    expect(first.status).toBe(200);
    expect(second.body).toBe(first.body);
    expect(hits).toHaveLength(1);
    expect(second.headers.get("access-control-allow-origin")).toBe("*");
    expect(second.headers.get("etag")).toMatch(/^".+"$/);
    expect(second.headers.get("ratelimit-policy")).toBe(`"ip";q=${LIMIT};w=60`);
    expect(second.headers.get("ratelimit")).toMatch(new RegExp(`^"ip";r=${LIMIT - 2};t=\\d+$`));
    const notModified = await get("/api/v1/standards", "203.0.113.1", {
      "If-None-Match": second.headers.get("etag") ?? "",
    });
    expect(notModified.status).toBe(304);
  });

  it("lets Next.js check a token once, then serves its reads as kept, counted against it", async () => {
    hits = [];
    const path = "/api/v1/standards?limit=3";
    const one = await get(path, "203.0.113.2", { Authorization: "Bearer hum_a" });
    const two = await get(path, "203.0.113.2", { Authorization: "Bearer hum_a" });
    expect(hits.map((hit) => hit.authorization)).toEqual(["Bearer hum_a", ""]);
    expect(two.status).toBe(200);
    expect(one.headers.get("ratelimit-policy")).toBe(`"token";q=${LIMIT * 2};w=60`);
    expect(two.headers.get("ratelimit")).toMatch(new RegExp(`^"token";r=${LIMIT * 2 - 2};`));
  });

  it("asks Next.js every time about a token it refused", async () => {
    hits = [];
    for (const _ of [1, 2]) {
      const refused = await get("/api/v1/standards", "203.0.113.7", {
        Authorization: "Bearer hum_bad",
      });
      expect(refused.status).toBe(401);
    }
    expect(hits.map((hit) => hit.authorization)).toEqual(["Bearer hum_bad", "Bearer hum_bad"]);
  });

  it("refuses a client over its limit with 429, Retry-After and a problem", async () => {
    const client = "203.0.113.3";
    for (let index = 0; index < LIMIT; index += 1) {
      expect((await get("/api/v1/standards", client)).status).toBe(200);
    }
    const refused = await get("/api/v1/standards", client);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(JSON.parse(refused.body)).toMatchObject({
      status: 429,
      type: "https://hum.example/api#problem-rate-limited",
    });
    // another address is not held back by it
    expect((await get("/api/v1/standards", "203.0.113.4")).status).toBe(200);
  });

  it("forgets kept answers on any committed change, but a release only when releases change", async () => {
    const client = "203.0.113.5";
    const release = "/api/v1/standards/iotmark/releases/1.0.0";
    await get("/api/v1/log", client);
    await get(release, client);
    hits = [];
    front.touch([clauseTag("iotmark", "PRIV-3")]);
    await get("/api/v1/log", client);
    await get(release, client);
    expect(hits.map((hit) => hit.url)).toEqual(["/api/v1/log"]);
    const kept = await get(release, client);
    expect(kept.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("never keeps a refusal, and passes writes through", async () => {
    hits = [];
    const client = "203.0.113.6";
    expect((await get("/api/v1/nothing", client)).status).toBe(404);
    expect((await get("/api/v1/nothing", client)).status).toBe(404);
    expect(hits).toHaveLength(2);
    const write = await fetch(`${base}/api/v1/standards/iotmark/threads`, {
      method: "POST",
      headers: { "X-Forwarded-For": client, "Content-Type": "application/json" },
      body: "{}",
    });
    expect(write.status).toBe(200);
    expect(write.headers.get("ratelimit")).toMatch(/^"ip";r=\d+;t=\d+$/);
    expect(hits).toHaveLength(3);
  });
});
