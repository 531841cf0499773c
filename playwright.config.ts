// Lets Node load Hum's "server-only" modules. The runner and each worker process load this file
// before the global setup and the specs.
import "./scripts/outside-next.mjs";
import { defineConfig, devices } from "@playwright/test";
import { e2eDataDir, e2eHost, e2eInboundSecret, e2ePort } from "./e2e/settings";

/**
 * End-to-end tests run a production build on its own embedded database in .data/e2e, in
 * Debian's Chromium. The demo community is seeded once, before the server starts; specs add their own
 * people and read magic links from the outbox. Every test fails on a page's console error,
 * uncaught error or failed request (e2e/page-problems.ts).
 */
const origin = `http://${e2eHost}:${e2ePort}`;

export default defineConfig({
  testDir: "e2e",
  // The demo community is seeded once, before any spec, on its own budget (no test timeout).
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  timeout: 30_000,
  // Two cores run the server, the collab server, the database and the browser at once.
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL: origin,
    trace: "off",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // The demo is seeded before the server starts, so its scheduler cannot close a seeded call
    // between the seed's steps.
    command: `rm -rf ${e2eDataDir} && npm run build && npm run db:seed -- --without-releases && npm start`,
    url: `${origin}/`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(e2ePort),
      AUTH_URL: origin,
      HOSTNAME: e2eHost,
      HUM_DATA_DIR: e2eDataDir,
      COLLAB_PORT: String(e2ePort + 1),
      INBOUND_EMAIL_DOMAIN: "reply.hum.test",
      INBOUND_WEBHOOK_SECRET: e2eInboundSecret,
      // Digests go out on the first scheduler run of the day, whatever the hour.
      DIGEST_HOUR_UTC: "0",
      AUTH_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
      NEXT_TELEMETRY_DISABLED: "1",
      // Domain verification reaches the specs' own local servers; the server allows it only
      // because its public origin is a loopback address (lib/env.ts).
      OUTBOUND_ALLOW_LOOPBACK: "true",
    },
  },
});
