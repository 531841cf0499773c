import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFront, type Front } from "@/lib/http/front";
import { registryKey } from "@/lib/http/front-registry";

/** A stand-in for Next.js whose registry answers carry a counter, so a redraw shows. */
let hits: string[] = [];
let state = "Listed";
const upstream = http.createServer((request, response) => {
  const url = request.url ?? "";
  hits.push(url);
  if (url.startsWith("/registry/404")) {
    response.writeHead(404, { "Content-Type": "text/html" }).end("<p>not public</p>");
    return;
  }
  if (url.endsWith("badge.svg")) {
    response
      .writeHead(200, { "Content-Type": "image/svg+xml; charset=utf-8" })
      .end(`<svg>${state}</svg>`);
    return;
  }
  if (url.endsWith(".json")) {
    response
      .writeHead(200, { "Content-Type": "application/json; charset=utf-8" })
      .end(`{"state":"${state}"}`);
    return;
  }
  response
    .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
    .end(`<html><body><main>${url} ${state}</main><script src="/a.js"></script></body></html>`);
});
let front: Front;
let base: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  front = createFront({ host: "127.0.0.1", port: (upstream.address() as AddressInfo).port });
  await new Promise<void>((resolve) => front.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  front.server.closeAllConnections();
  await new Promise((resolve) => front.server.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      http
        .get(`${base}${path}`, { headers }, (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => {
            body += chunk.toString();
          });
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
          );
        })
        .on("error", reject);
    },
  );

describe("the front and the registry", () => {
  it("keeps the list, a declaration, its JSON and its badge, each rendered once", async () => {
    hits = [];
    const paths = ["/registry", "/registry/12", "/registry/12.json", "/registry/12/badge.svg"];
    for (let round = 0; round < 3; round++) {
      await Promise.all(paths.map((path) => get(path)));
    }
    expect(hits.sort()).toEqual([...paths].sort());
    const badge = await get("/registry/12/badge.svg");
    expect(badge.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(badge.headers["cache-control"]).toBe("public, max-age=60");
    expect(
      (await get("/registry/12/badge.svg", { "If-None-Match": String(badge.headers.etag) })).status,
    ).toBe(304);
    const page = await get("/registry/12");
    expect(page.headers["cache-control"]).toBe("no-cache");
    expect(page.body).not.toContain("<script");
    expect((await get("/registry/12.json")).headers["cache-control"]).toBe("no-cache");
  });

  it("keeps a badge in each language its address asks for, and ignores anything else", async () => {
    await get("/registry/14/badge.svg");
    hits = [];
    for (const query of ["?lang=fr", "?lang=fr&x=1", "?lang=xx", "?lang=en", "?x=1", ""]) {
      await get(`/registry/14/badge.svg${query}`);
    }
    expect(hits).toEqual(["/registry/14/badge.svg?lang=fr"]);
  });

  it("forgets only registry entries when the registry changes, and redraws them", async () => {
    await get("/standards/iotmark/v/1.0.0");
    await get("/registry/12/badge.svg");
    hits = [];
    state = "Lapsed";
    front.touch(["registry"]);
    const badge = await get("/registry/12/badge.svg");
    expect(badge.body).toBe("<svg>Lapsed</svg>");
    await get("/standards/iotmark/v/1.0.0");
    expect(hits).toEqual(["/registry/12/badge.svg"]);
    // A release flush forgets the registry too: declaration pages show their release's state.
    front.touch(["*"]);
    await get("/registry/12/badge.svg");
    expect(hits).toEqual(["/registry/12/badge.svg", "/registry/12/badge.svg"]);
  });

  it("keys the list by its filters in a fixed order, ignoring anything else", async () => {
    hits = [];
    await get("/registry?level=Silver&module=SW");
    await get("/registry?module=SW&level=Silver&cb=3");
    await get("/registry?module=SW&level=Silver&standard=");
    await get("/registry?q=acme&page=2");
    expect(hits).toEqual(["/registry?level=Silver&module=SW", "/registry?q=acme&page=2"]);
    await get("/registry/12?version=1");
    await get("/registry/12?version=1&x=2");
    expect(hits.at(-1)).toBe("/registry/12?version=1");
    expect(hits).toHaveLength(3);
  });

  it("passes signed-in readers, writes, payload requests and 404s through, never kept", async () => {
    hits = [];
    await get("/registry", { Cookie: "authjs.session-token=abc" });
    await get("/registry/12", { RSC: "1" });
    await get("/registry/404");
    const missing = await get("/registry/404");
    expect(missing.status).toBe(404);
    expect(hits).toEqual(["/registry", "/registry/12", "/registry/404", "/registry/404"]);
  });

  it("keys only the registry's public addresses", () => {
    expect(registryKey("GET", "/registry/organisations/acme", "")).toBeNull();
    expect(registryKey("GET", "/registry/12/edit", "")).toBeNull();
    expect(registryKey("POST", "/registry", "")).toBeNull();
    expect(registryKey("GET", `/registry?q=${"x".repeat(101)}`, "")).toBeNull();
    expect(registryKey("GET", "/registry/0", "")).toBeNull();
    expect(registryKey("GET", "/registry?level=A&level=B", "")?.key).toBe("/registry");
    // The challenges' public log and records change with the registry's audit entries too.
    expect(registryKey("GET", "/registry/challenges?page=2&state=open&x=1", "")?.key).toBe(
      "/registry/challenges?state=open&page=2",
    );
    expect(registryKey("GET", "/registry/challenges/4", "")?.key).toBe("/registry/challenges/4");
    expect(registryKey("GET", "/registry/challenges/report", "")).toBeNull();
    expect(registryKey("GET", "/registry/challenges/4", "authjs.session-token=abc")).toBeNull();
    expect(registryKey("HEAD", "/registry/3/badge.svg", "")?.cacheControl).toBe(
      "public, max-age=60",
    );
  });
});
