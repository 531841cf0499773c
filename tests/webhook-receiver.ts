import http from "node:http";
import type { AddressInfo } from "node:net";

/** A request a test receiver got. */
export type Received = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
};

/**
 * A local HTTP receiver for webhooks: records every request, and answers each path with the
 * statuses it is given in turn (the last one repeats; 200 when none).
 */
export async function startReceiver() {
  const received: Received[] = [];
  const answers = new Map<string, number[]>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      received.push({
        method: request.method ?? "",
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const key = [...answers.keys()].find((prefix) => path.startsWith(prefix));
      const queue = key ? (answers.get(key) ?? []) : [];
      const status = queue.length > 1 ? (queue.shift() ?? 200) : (queue[0] ?? 200);
      response.writeHead(status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    /** How a path (and every path under it) answers, in turn. */
    answer: (prefix: string, statuses: number[]) => answers.set(prefix, [...statuses]),
    at: (prefix: string) => received.filter((request) => request.path.startsWith(prefix)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
