/**
 * Keeps one part of Hum (the collab server, the front thread) running: a part that stops on its
 * own is logged and started again after a pause that grows while it keeps failing, so that one
 * failing part never takes the others down and never spins.
 */

/** One run of a part: `exited` settles, with a few words on why, when the run ends. */
export type Run = {
  exited: Promise<string>;
  /** Settles once the run is serving; a run without it counts as serving at once. */
  ready?: Promise<void>;
  /** Names the run in the log (its pid, say). */
  label?: string;
  /** Asks the run to end cleanly; resolves once it has. */
  stop: () => Promise<void>;
};

export type Supervised<R extends Run> = {
  /** The first run is serving; rejects if it ended first (the part cannot start at all). */
  started: Promise<R>;
  /** The run serving now, if any. */
  current: () => R | undefined;
  /** Ends the current run and starts no other. */
  stop: () => Promise<void>;
};

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 10_000;
/** A run that lasted this long was healthy: the next failure starts the backoff again. */
const HEALTHY_MS = 30_000;

/** Pause before the nth restart in a row: 250 ms, doubling, at most 10 s. */
export function restartDelay(failuresInARow: number): number {
  const exponent = Math.max(0, Math.min(failuresInARow - 1, 10));
  return Math.min(FIRST_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}

export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
}

export function supervise<R extends Run>(
  name: string,
  start: () => R,
  log: (line: string) => void = (line) => console.error(line),
): Supervised<R> {
  let current: R | undefined;
  let stopping = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let resolveStarted: (run: R) => void = () => {};
  let rejectStarted: (error: Error) => void = () => {};
  const started = new Promise<R>((resolve, reject) => {
    resolveStarted = resolve;
    rejectStarted = reject;
  });
  let everStarted = false;

  const run = () => {
    timer = undefined;
    if (stopping) return;
    const began = Date.now();
    let serving = false;
    let attempt: R;
    try {
      attempt = start();
    } catch (error) {
      attempt = { exited: Promise.resolve(describeError(error)), stop: async () => {} } as R;
    }
    current = attempt;
    (attempt.ready ?? Promise.resolve()).then(
      () => {
        serving = true;
        if (!everStarted) {
          everStarted = true;
          resolveStarted(attempt);
        } else if (!stopping) {
          log(`hum: the ${name} is serving again${attempt.label ? ` (${attempt.label})` : ""}`);
        }
      },
      () => undefined, // the run ends: `exited` says why
    );
    void attempt.exited.then((why) => {
      if (current === attempt) current = undefined;
      if (stopping) return;
      if (!everStarted) {
        stopping = true;
        rejectStarted(new Error(`the ${name} could not start (${why}).`));
        return;
      }
      failures = serving && Date.now() - began >= HEALTHY_MS ? 1 : failures + 1;
      const delay = restartDelay(failures);
      log(`hum: the ${name} stopped (${why}); starting it again in ${delay} ms`);
      timer = setTimeout(run, delay);
    });
  };
  run();

  return {
    started,
    current: () => current,
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      await current?.stop();
    },
  };
}
