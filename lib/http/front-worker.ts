import { parentPort, workerData } from "node:worker_threads";
import { createFront, type FrontOptions } from "@/lib/http/front";

/**
 * The front on a thread of its own: the launcher's main thread also runs the embedded database,
 * whose queries would otherwise hold up every kept page behind them.
 */
const { host, port, nextPort, ...options } = workerData as {
  host: string;
  port: number;
  nextPort: number;
} & FrontOptions;
const front = createFront({ host, port: nextPort }, options);
// A failure to listen ends the thread; the launcher logs it and starts another.
front.server.listen(port, host, () => parentPort?.postMessage("listening"));
// The launcher's change feed names the tags each committed change touched.
parentPort?.on("message", (message: { touch?: string[] }) => {
  if (Array.isArray(message?.touch)) front.touch(message.touch);
});
