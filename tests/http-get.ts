import http from "node:http";

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A GET on loopback, as the front's tests send them: its status, headers and whole body. */
export function httpGet(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
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
  });
}
