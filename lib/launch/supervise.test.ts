import { describe, expect, it, vi } from "vitest";
import { type Run, restartDelay, supervise } from "@/lib/launch/supervise";

/** A run the test ends by hand. */
function fakeRun(ready = true) {
  let end: (why: string) => void = () => {};
  const exited = new Promise<string>((resolve) => {
    end = resolve;
  });
  const run: Run & { end: (why: string) => void } = {
    exited,
    ready: ready ? Promise.resolve() : new Promise(() => {}),
    stop: async () => end("stopped"),
    end: (why) => end(why),
  };
  return run;
}

describe("supervise", () => {
  it("waits longer after each failure in a row, up to ten seconds", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(restartDelay)).toEqual([
      250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });

  it("starts a part again, with a line in the log, when it stops on its own", async () => {
    const runs: ReturnType<typeof fakeRun>[] = [];
    const log = vi.fn();
    const part = supervise(
      "collab server",
      () => {
        const run = fakeRun();
        runs.push(run);
        return run;
      },
      log,
    );
    await part.started;
    runs[0]?.end("exit code 1");
    await vi.waitFor(() => expect(runs).toHaveLength(2), { timeout: 10_000 });
    expect(log).toHaveBeenCalledWith(
      "hum: the collab server stopped (exit code 1); starting it again in 250 ms",
    );
    await vi.waitFor(() =>
      expect(log).toHaveBeenCalledWith("hum: the collab server is serving again"),
    );
    expect(part.current()).toBe(runs[1]);
    await part.stop();
    expect(runs).toHaveLength(2);
  });

  it("gives up when the first run ends before it serves, and after stop starts nothing", async () => {
    const run = fakeRun(false);
    const part = supervise("front", () => run, vi.fn());
    run.end("exit code 1");
    await expect(part.started).rejects.toThrow("the front could not start (exit code 1).");

    let starts = 0;
    const stopped = supervise(
      "front",
      () => {
        starts++;
        return fakeRun();
      },
      vi.fn(),
    );
    await stopped.started;
    await stopped.stop();
    expect(starts).toBe(1);
    expect(stopped.current()).toBeUndefined();
  });

  it("counts a start that throws as a run that ended", async () => {
    let starts = 0;
    const log = vi.fn();
    const part = supervise(
      "front",
      () => {
        starts++;
        if (starts === 2) throw new Error("no thread for you");
        return fakeRun();
      },
      log,
    );
    await part.started;
    await part.current()?.stop(); // ends on its own, as far as the supervisor knows
    await vi.waitFor(() => expect(starts).toBe(3), { timeout: 10_000 });
    expect(log).toHaveBeenCalledWith(
      "hum: the front stopped (no thread for you); starting it again in 500 ms",
    );
    await part.stop();
  });
});
