import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setEnv } from "@/lib/env";
import { checkOutboundTarget, fetchOutbound, type Resolver } from "@/lib/http/outbound";

/** The guarded fetcher sending a body (webhooks): headers, methods, no redirects, same guards. */
const seen: { method: string; path: string; headers: http.IncomingHttpHeaders; body: string }[] =
  [];
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const path = request.url ?? "/";
    seen.push({
      method: request.method ?? "",
      path,
      headers: request.headers,
      body: Buffer.concat(chunks).toString(),
    });
    if (path === "/moved") response.writeHead(307, { location: "/elsewhere" }).end();
    else response.writeHead(202).end("ok");
  });
});
let origin = "";
const resolve: Resolver = async (host) => [
  { address: host === "inside.example" ? "192.168.1.20" : "127.0.0.1", family: 4 },
];

beforeAll(async () => {
  vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "true");
  setEnv({});
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  setEnv({});
  await new Promise<void>((done) => server.close(() => done()));
});

describe("sending with the guarded fetcher", () => {
  it("posts a body with the caller's headers and its own length", async () => {
    const result = await fetchOutbound(`${origin}/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "webhook-id": "msg_1" },
      body: '{"é":1}',
    });
    expect(result).toMatchObject({ ok: true, status: 202 });
    const request = seen.at(-1);
    expect(request).toMatchObject({ method: "POST", path: "/hook", body: '{"é":1}' });
    expect(request?.headers["webhook-id"]).toBe("msg_1");
    expect(request?.headers["content-length"]).toBe(String(Buffer.byteLength('{"é":1}')));
    expect(request?.headers["user-agent"]).toContain("Hum");
  });

  it("puts, and never follows a redirect with a body", async () => {
    expect(await fetchOutbound(`${origin}/room`, { method: "PUT", body: "{}" })).toMatchObject({
      ok: true,
      status: 202,
    });
    expect(seen.at(-1)?.method).toBe("PUT");
    const count = seen.length;
    const moved = await fetchOutbound(`${origin}/moved`, { method: "POST", body: "{}" });
    expect(moved).toMatchObject({ ok: true, status: 307, redirected: false });
    expect(seen).toHaveLength(count + 1);
  });

  it("refuses private addresses for a body as for a GET", async () => {
    const port = new URL(origin).port;
    expect(
      await fetchOutbound(`http://inside.example:${port}/hook`, {
        method: "POST",
        body: "{}",
        resolve,
      }),
    ).toMatchObject({ ok: false, problem: "refused_address" });
    expect(
      await fetchOutbound("http://10.0.0.1/hook", { method: "POST", body: "{}" }),
    ).toMatchObject({ ok: false, problem: "refused_address" });
  });

  it("tells a form whether a URL could be reached before it is saved", async () => {
    expect(await checkOutboundTarget("https://public.example/x", { resolve })).toBe("ok");
    expect(await checkOutboundTarget("https://inside.example/x", { resolve })).toBe(
      "refused_address",
    );
    expect(await checkOutboundTarget("https://[fd00::1]/x")).toBe("refused_address");
    expect(await checkOutboundTarget("https://127.0.0.1/x")).toBe("ok");
    expect(await checkOutboundTarget("gopher://x")).toBe("bad_url");
    const unknown: Resolver = async () => {
      throw Object.assign(new Error("no"), { code: "ENOTFOUND" });
    };
    expect(await checkOutboundTarget("https://nowhere.example/", { resolve: unknown })).toBe(
      "unresolved",
    );
  });
});
