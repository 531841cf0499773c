import fs from "node:fs";
import { seedDemo } from "@/lib/demo/seed";
import { OwnServer } from "./own-server";
import { e2eCollabDataDir, e2eCollabPort } from "./settings";

/**
 * Seeds the demo community, outside any test's time budget, into the data folder of the collab
 * spec's own server, which is started here once to apply the migrations and seed. (The suite's
 * server is seeded by its webServer command, before it starts.)
 */
export default async function globalSetup(): Promise<void> {
  fs.rmSync(e2eCollabDataDir, { recursive: true, force: true });
  const collab = new OwnServer(e2eCollabPort, e2eCollabDataDir);
  try {
    await seedDemo(await collab.start());
  } finally {
    await collab.stop();
  }
}
