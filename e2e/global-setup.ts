import fs from "node:fs";
import { seedDemo } from "@/lib/demo/seed";
import { connectToE2eDatabase } from "./database";
import { OwnServer } from "./own-server";
import { e2eCollabDataDir, e2eCollabPort } from "./settings";

/**
 * Seeds the demo community once for the whole suite, outside any test's time budget: into the
 * suite's server (started by the webServer step before this runs), and into the data folder of
 * the collab spec's own server, which is started here once to apply the migrations and seed.
 */
export default async function globalSetup(): Promise<void> {
  const { db, close } = connectToE2eDatabase();
  try {
    await seedDemo(db);
  } finally {
    await close();
  }

  fs.rmSync(e2eCollabDataDir, { recursive: true, force: true });
  const collab = new OwnServer(e2eCollabPort, e2eCollabDataDir);
  try {
    await seedDemo(await collab.start());
  } finally {
    await collab.stop();
  }
}
