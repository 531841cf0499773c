/**
 * The API's budgets, through Hum's production server (`npm start`) with the demo community:
 *
 * - a release's JSON through the API against the same JSON at /v/{version}.json (within 20%);
 * - a paged list of 10,000 audit entries (p99 ≤ 100 ms), anonymous (kept by the front) and
 *   with a token (drawn by Next.js each time);
 * - webhooks: 10,000 events delivered to a local receiver, each once, none twice, and the time
 *   it took.
 *
 *   npm run build && npx tsx --import ./scripts/outside-next.mjs bench/api.ts \
 *     [seconds=10] [connections=64]
 *
 * Loopback only; every run is bounded by its duration (the webhook part by 5 minutes).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { eq } from "drizzle-orm";
import { createToken } from "@/lib/api/tokens";
import { recordAudits } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import { requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import { demoEmail } from "@/lib/demo/seed";
import { standards } from "@/lib/drafting/schema";
import { setEnv } from "@/lib/env";
import { createWebhookEndpoint } from "@/lib/webhooks";
import { serveDemo } from "./harness";

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 64);
const port = 3900;
const AUDIT_ENTRIES = 10_000;
const WEBHOOKS = 10_000;

type Figures = { rps: number; p50: number; p99: number; errors: number };

async function measure(url: string, headers: Record<string, string> = {}): Promise<Figures> {
  await autocannon({ url, connections, duration: 1, headers }); // warm-up: the first render
  const result = await autocannon({ url, connections, duration: seconds, headers });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

const line = (label: string, figures: Figures) =>
  console.log(
    `${label.padEnd(44)} ${String(figures.rps).padStart(6)} req/s  p50 ${String(figures.p50).padStart(4)} ms  p99 ${String(figures.p99).padStart(4)} ms  errors ${figures.errors}`,
  );

// The receiver is on loopback, which only this setting lets an endpoint name.
setEnv({ OUTBOUND_ALLOW_LOOPBACK: "true", AUTH_URL: `http://127.0.0.1:${port}` });
const demo = await serveDemo("api", port, {
  // The bench is one client address asking as fast as it can: it measures serving, not limiting.
  API_READS_PER_MINUTE: "10000000",
  OUTBOUND_ALLOW_LOOPBACK: "true",
});
try {
  const { base, db } = demo;
  const releases = (await (await fetch(`${base}/api/v1/standards/iotmark/releases`)).json()) as {
    data: { version: string }[];
  };
  const version = releases.data[0]?.version;
  if (!version) throw new Error("the demo has no release");

  console.log(`bench: ${connections} connections, ${seconds} s each, release ${version}`);
  const exported = await measure(`${base}/standards/iotmark/v/${version}.json`);
  const api = await measure(`${base}/api/v1/standards/iotmark/releases/${version}`);
  line(`release ${version} as /v/${version}.json`, exported);
  line(`release ${version} through /api/v1`, api);
  console.log(`  API rate / export rate: ${(api.rps / exported.rps).toFixed(2)} (budget ≥ 0.80)`);

  const [person] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoEmail("sam")));
  const viewer = person ? await loadViewer(db, person.id) : null;
  if (!viewer) throw new Error("the demo has no secretariat");
  const entries = Array.from({ length: AUDIT_ENTRIES }, (_, index) => ({
    actorId: viewer.id,
    action: "community.joined" as const,
    subjectType: "user" as const,
    subjectId: `bench-${index}`,
  }));
  for (let start = 0; start < entries.length; start += 1000) {
    await recordAudits(db, entries.slice(start, start + 1000));
  }
  const { token } = await createToken(db, requireParticipant(viewer), {
    name: "bench",
    scopes: ["read"],
    expiresInDays: 1,
  });
  const log = `${base}/api/v1/log?limit=50`;
  line(`log of ${AUDIT_ENTRIES}+ entries, anonymous`, await measure(log));
  line(
    `log of ${AUDIT_ENTRIES}+ entries, with a token`,
    await measure(log, {
      Authorization: `Bearer ${token}`,
    }),
  );
  console.log("  budget: p99 ≤ 100 ms");

  // Webhooks: a local receiver counts each message id; the server's own scheduler sends.
  const seen = new Map<string, number>();
  const receiver = http.createServer((request, response) => {
    const id = String(request.headers["webhook-id"] ?? "");
    request.resume();
    request.on("end", () => {
      seen.set(id, (seen.get(id) ?? 0) + 1);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const [iotmark] = await db
    .select({ id: standards.id })
    .from(standards)
    .where(eq(standards.slug, "iotmark"));
  await createWebhookEndpoint(
    db,
    viewer.id,
    { standardId: iotmark?.id ?? "" },
    {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
      format: "json",
      events: ["call.opened"],
      language: "en",
    },
  );
  const events = Array.from({ length: WEBHOOKS }, () => ({
    actorId: viewer.id,
    action: "decisions.call_opened" as const,
    subjectType: "call" as const,
    subjectId: "iotmark/1",
  }));
  const started = Date.now();
  for (let start = 0; start < events.length; start += 1000) {
    await recordAudits(db, events.slice(start, start + 1000));
  }
  const deadline = started + 5 * 60_000;
  while (seen.size < WEBHOOKS && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const took = (Date.now() - started) / 1000;
  // A moment more, in case anything would come twice.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const twice = [...seen.values()].filter((count) => count > 1).length;
  console.log(
    `webhooks: ${seen.size} of ${WEBHOOKS} delivered in ${took.toFixed(1)} s (${Math.round(seen.size / took)}/s), ${twice} delivered more than once`,
  );
  receiver.close();
} finally {
  await demo.closeDatabase();
  await demo.stop();
}
