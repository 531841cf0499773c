import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests run a production build on its own embedded database in .data/e2e, in
 * Debian's Chromium. Specs seed their own people and read magic links from the outbox.
 */
const port = 3100;
export const e2eDataDir = ".data/e2e";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  timeout: 30_000,
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
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
    command: `rm -rf ${e2eDataDir} && npm run build && npm start`,
    url: `http://127.0.0.1:${port}/`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      HUM_DATA_DIR: e2eDataDir,
      AUTH_SECRET: "e2e-secret-0123456789abcdef0123456789abcdef",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
