import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { publicUrl, setEnv } from "@/lib/env";
import { fetchOutbound, type Resolver } from "@/lib/http/outbound";

/** Names tests make up, resolved without DNS. */
const names: Record<string, string> = {
  "evil.example": "127.0.0.1",
  "internal.example": "10.0.0.1",
  "metadata.example": "169.254.169.254",
  "site.example": "127.0.0.1",
};
const resolve: Resolver = async (hostname) => {
  const address = names[hostname];
  if (!address) throw Object.assign(new Error(`no such name ${hostname}`), { code: "ENOTFOUND" });
  return [{ address, family: 4 }];
};

const seen: { path: string; userAgent: string | undefined }[] = [];
let streamEnded: Promise<number>;
let endStream: (written: number) => void;
let hung: Promise<void>;
let hang: () => void;

const server = http.createServer((request, response) => {
  const path = request.url ?? "/";
  seen.push({ path, userAgent: request.headers["user-agent"] });
  const redirect = /^\/hops\/(\d+)$/.exec(path);
  if (redirect) {
    const left = Number(redirect[1]);
    if (left === 0) response.end("arrived");
    else response.writeHead(302, { location: `/hops/${left - 1}` }).end();
    return;
  }
  switch (path) {
    case "/ok":
      response.writeHead(200, { "content-type": "text/plain" }).end("hello");
      return;
    case "/to-private":
      response.writeHead(302, { location: "http://10.0.0.1/admin" }).end();
      return;
    case "/to-private-name":
      response.writeHead(301, { location: "http://internal.example/" }).end();
      return;
    case "/to-metadata":
      response.writeHead(307, { location: "http://metadata.example/latest/meta-data" }).end();
      return;
    case "/to-mapped":
      response.writeHead(308, { location: "http://[::ffff:10.0.0.1]/" }).end();
      return;
    case "/to-file":
      response.writeHead(302, { location: "file:///etc/passwd" }).end();
      return;
    case "/declared-huge":
      response.writeHead(200, { "content-length": String(50 * 1024 * 1024) });
      response.write("x");
      return;
    case "/endless": {
      // Writes for as long as anyone reads; the count says how much went out.
      response.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(64 * 1024, 1);
      let written = 0;
      const pump = () => {
        while (!response.destroyed && written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
      };
      response.on("close", () => endStream(written));
      pump();
      return;
    }
    case "/hang":
      hang();
      return; // never answers
    default:
      response.writeHead(404).end("not here");
  }
});

let port = 0;
const local = (path: string) => `http://127.0.0.1:${port}${path}`;
const named = (host: string, path: string) => `http://${host}:${port}${path}`;

function allowLoopback(on: boolean) {
  vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", on ? "true" : "false");
  setEnv({});
}

beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});
afterEach(() => {
  vi.unstubAllEnvs();
  setEnv({});
  seen.length = 0;
});

describe("the outbound fetcher without loopback (production)", () => {
  it("refuses 127.0.0.1 and a name that resolves to it, without sending anything", async () => {
    allowLoopback(false);
    expect(await fetchOutbound(local("/ok"))).toMatchObject({
      ok: false,
      problem: "refused_address",
    });
    expect(await fetchOutbound(named("evil.example", "/ok"), { resolve })).toMatchObject({
      ok: false,
      problem: "refused_address",
    });
    expect(await fetchOutbound(`http://[::1]:${port}/ok`)).toMatchObject({
      ok: false,
      problem: "refused_address",
    });
    expect(seen).toEqual([]);
  });

  it("refuses what is not an http(s) URL", async () => {
    for (const url of ["ftp://example.org/x", "javascript:alert(1)", "not a url", "file:///etc"]) {
      expect(await fetchOutbound(url)).toEqual({ ok: false, problem: "bad_url" });
    }
  });
});

describe("the outbound fetcher with loopback allowed (tests)", () => {
  it("fetches a local page and says who is asking", async () => {
    allowLoopback(true);
    const result = await fetchOutbound(named("site.example", "/ok"), { resolve });
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      redirected: false,
      finalUrl: named("site.example", "/ok"),
      contentType: "text/plain",
    });
    expect(result.ok && result.body.toString()).toBe("hello");
    expect(seen[0]?.userAgent).toBe(`Hum registry checker (+${publicUrl()})`);
  });

  it("still refuses a name that resolves to a private address", async () => {
    allowLoopback(true);
    expect(await fetchOutbound("http://internal.example/", { resolve })).toMatchObject({
      ok: false,
      problem: "refused_address",
    });
    expect(await fetchOutbound("http://10.0.0.1/")).toMatchObject({
      ok: false,
      problem: "refused_address",
    });
  });

  it("refuses a redirect into a private or link-local address, however it is written", async () => {
    allowLoopback(true);
    for (const path of ["/to-private", "/to-private-name", "/to-metadata", "/to-mapped"]) {
      expect(await fetchOutbound(local(path), { resolve }), path).toMatchObject({
        ok: false,
        problem: "refused_address",
      });
    }
    expect(await fetchOutbound(local("/to-file"))).toMatchObject({
      ok: false,
      problem: "bad_url",
    });
  });

  it("follows three redirects and refuses a fourth", async () => {
    allowLoopback(true);
    expect(await fetchOutbound(local("/hops/3"))).toMatchObject({
      ok: true,
      status: 200,
      redirected: true,
      finalUrl: local("/hops/0"),
    });
    seen.length = 0;
    expect(await fetchOutbound(local("/hops/4"))).toMatchObject({
      ok: false,
      problem: "too_many_redirects",
      finalUrl: local("/hops/1"),
    });
    expect(seen.map((request) => request.path)).toEqual([
      "/hops/4",
      "/hops/3",
      "/hops/2",
      "/hops/1",
    ]);
  });

  it("stops reading a body over 1 MB and says it is too large", async () => {
    allowLoopback(true);
    streamEnded = new Promise((done) => {
      endStream = done;
    });
    expect(await fetchOutbound(local("/endless"))).toEqual({
      ok: false,
      problem: "too_large",
      status: 200,
      finalUrl: local("/endless"),
    });
    // The server stopped well short of the 64 MB it would have sent to a reader.
    expect(await streamEnded).toBeLessThan(16 * 1024 * 1024);
    expect(await fetchOutbound(local("/declared-huge"))).toMatchObject({
      ok: false,
      problem: "too_large",
    });
  });

  it("gives up on a server that never answers", async () => {
    allowLoopback(true);
    hung = new Promise((done) => {
      hang = done;
    });
    const result = fetchOutbound(local("/hang"), { timeoutMs: 300 });
    await hung;
    expect(await result).toEqual({ ok: false, problem: "timeout", finalUrl: local("/hang") });
  });

  it("reports a name that does not resolve as a network problem", async () => {
    allowLoopback(true);
    expect(await fetchOutbound("http://nowhere.example/", { resolve })).toMatchObject({
      ok: false,
      problem: "network",
    });
  });
});
