import { parentPort, workerData } from "node:worker_threads";
import { createDatabase } from "@/lib/db/client";
import { memberReading } from "@/lib/decisions/member-pages";
import { authSecret } from "@/lib/env";
import { createFront, type FrontOptions } from "@/lib/http/front";
import { anonymousAnswering } from "@/lib/reviews/answering";

/**
 * The front on a thread of its own: the launcher's main thread also runs the embedded database,
 * whose queries would otherwise hold up every kept page behind them. It writes anonymous survey
 * answers itself, through a small pool of its own (lib/http/front-answers.ts says why), and reads
 * members' sessions and own parts for the pages it keeps per audience (lib/decisions/member-pages.ts).
 */
const { host, port, nextPort, databaseUrl, ...options } = workerData as {
  host: string;
  port: number;
  nextPort: number;
  databaseUrl: string;
} & FrontOptions;
const { db } = createDatabase(databaseUrl, { max: 2 });
const front = createFront(
  { host, port: nextPort },
  { ...options, answers: anonymousAnswering(db), members: memberReading(db, authSecret()) },
);
// A failure to listen ends the thread; the launcher logs it and starts another.
front.server.listen(port, host, () => parentPort?.postMessage("listening"));
// The launcher's change feed names the tags each committed change touched.
parentPort?.on("message", (message: { touch?: string[] }) => {
  if (Array.isArray(message?.touch)) front.touch(message.touch);
});
