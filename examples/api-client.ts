/**
 * A program that takes part in a Hum community through its public API, with nothing but
 * `fetch`, a personal access token and Node's own http and crypto modules:
 *
 * 1. reads the latest release of a standard;
 * 2. opens a thread on one of its clauses;
 * 3. opens a call on a question, and takes a position on it;
 * 4. waits for the signed webhook that tells of the call it opened, and checks its signature
 *    as the Standard Webhooks specification says (HMAC-SHA256 over id.timestamp.body).
 *
 * For step 4 the secretariat subscribes this program's address to the standard's events
 * (Secretariat → Webhooks) and gives it the endpoint's secret.
 *
 *   HUM_URL=http://localhost:3000 HUM_TOKEN=hum_… WEBHOOK_SECRET=whsec_… WEBHOOK_PORT=4400 \
 *     npx tsx examples/api-client.ts iotmark
 *
 * The token needs the `comment` and `position` scopes.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";

export type ExampleOptions = {
  /** Hum's address, e.g. https://hum.example.org */
  hum: string;
  token: string;
  /** The webhook endpoint's secret, "whsec_…". */
  secret: string;
  /** Where this program listens for webhooks. */
  port: number;
  standard: string;
  /** How long to wait for the webhook, in milliseconds. */
  waitMs?: number;
  log?: (line: string) => void;
};

export type ExampleResult = {
  release: string;
  thread: string;
  call: number;
  /** The verified webhook that told of the call. */
  webhook: { id: string; type: string; data: Record<string, unknown> };
};

/** Whether a delivery's `webhook-signature` header holds a valid signature of it. */
export function verifyWebhook(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  now = Date.now(),
): boolean {
  // A delivery older or newer than five minutes may be a replay.
  if (Math.abs(now / 1000 - Number(headers.timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key)
    .update(`${headers.id}.${headers.timestamp}.${body}`)
    .digest();
  return headers.signature.split(" ").some((candidate) => {
    const [version, value = ""] = candidate.split(",");
    const given = Buffer.from(value, "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

async function call<T>(options: ExampleOptions, method: string, path: string, body?: unknown) {
  const response = await fetch(`${options.hum}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${options.token}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = await response.json();
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer as T;
}

/** Listens for webhooks until one tells of call `number`, verified; rejects after `waitMs`. */
function webhookFor(options: ExampleOptions) {
  const received: { id: string; type: string; data: Record<string, unknown> }[] = [];
  let wanted: ((hook: (typeof received)[number]) => boolean) | null = null;
  let settle: ((hook: (typeof received)[number]) => void) | null = null;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = {
        id: String(request.headers["webhook-id"] ?? ""),
        timestamp: String(request.headers["webhook-timestamp"] ?? ""),
        signature: String(request.headers["webhook-signature"] ?? ""),
      };
      if (!verifyWebhook(options.secret, headers, body)) {
        response.writeHead(401).end();
        return;
      }
      response.writeHead(204).end();
      const hook = {
        id: headers.id,
        ...(JSON.parse(body) as { type: string; data: Record<string, unknown> }),
      };
      received.push(hook);
      if (wanted?.(hook)) settle?.(hook);
    });
  });
  const listening = new Promise<void>((resolve) =>
    server.listen(options.port, "127.0.0.1", resolve),
  );
  return {
    listening,
    close: () => new Promise((resolve) => server.close(resolve)),
    waitFor: (match: (hook: (typeof received)[number]) => boolean) =>
      new Promise<(typeof received)[number]>((resolve, reject) => {
        const already = received.find(match);
        if (already) return resolve(already);
        wanted = match;
        settle = resolve;
        setTimeout(
          () => reject(new Error("no webhook arrived in time")),
          options.waitMs ?? 60_000,
        ).unref();
      }),
  };
}

export async function runExample(options: ExampleOptions): Promise<ExampleResult> {
  const log = options.log ?? console.log;
  const hooks = webhookFor(options);
  await hooks.listening;
  try {
    const standard = await call<{ name: string; latestRelease: { version: string } | null }>(
      options,
      "GET",
      `/standards/${options.standard}`,
    );
    if (!standard.latestRelease) throw new Error(`${standard.name} has no release yet`);
    const release = await call<{ version: string; clauses: { ref: string; title: string }[] }>(
      options,
      "GET",
      `/standards/${options.standard}/releases/${standard.latestRelease.version}`,
    );
    log(`${standard.name} ${release.version}: ${release.clauses.length} clauses`);
    const clause = release.clauses[0];
    if (!clause) throw new Error("the release has no clause");

    const thread = await call<{ id: string; url: string }>(
      options,
      "POST",
      `/standards/${options.standard}/threads`,
      {
        clause: clause.ref,
        kind: "question",
        title: `How is ${clause.ref} assessed?`,
        text: `Which evidence would show that a product meets ${clause.ref}?`,
      },
    );
    log(`opened a thread on ${clause.ref}: ${thread.url}`);

    const opened = await call<{ number: number; url: string }>(
      options,
      "POST",
      `/standards/${options.standard}/calls`,
      {
        kind: "question",
        title: `Should ${clause.ref} name the evidence it expects?`,
        description: "A question raised by a program through the API.",
      },
    );
    log(`opened call ${opened.number}: ${opened.url}`);
    await call(options, "PUT", `/standards/${options.standard}/calls/${opened.number}/position`, {
      stance: "support",
    });
    log(`took a position on call ${opened.number}`);

    const webhook = await hooks.waitFor(
      (hook) =>
        hook.type === "call.opened" &&
        (hook.data.call as { number?: number } | undefined)?.number === opened.number,
    );
    log(`received ${webhook.type} (${webhook.id}), signature verified`);
    return { release: release.version, thread: thread.id, call: opened.number, webhook };
  } finally {
    await hooks.close();
  }
}

const invokedDirectly = process.argv[1]?.endsWith("api-client.ts");
if (invokedDirectly) {
  const env = process.env;
  if (!env.HUM_TOKEN || !env.WEBHOOK_SECRET) {
    console.error("Set HUM_TOKEN and WEBHOOK_SECRET (and HUM_URL, WEBHOOK_PORT).");
    process.exit(2);
  }
  runExample({
    hum: env.HUM_URL ?? "http://localhost:3000",
    token: env.HUM_TOKEN,
    secret: env.WEBHOOK_SECRET,
    port: Number(env.WEBHOOK_PORT ?? 4400),
    standard: process.argv[2] ?? "iotmark",
  }).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
