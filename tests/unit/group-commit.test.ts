import { describe, expect, it } from "vitest";
import { groupCommit } from "@/lib/db/group-commit";

/** A write that records each batch it is given and finishes only when told to. */
function heldWrite() {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const write = (inputs: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(inputs);
      releases.push(() =>
        inputs.includes(-1) ? reject(new Error("disk full")) : resolve(inputs.map((n) => `#${n}`)),
      );
    });
  /** Lets the oldest batch still in progress finish, once it has started. */
  const release = async () => {
    while (releases.length === 0) await new Promise((resolve) => setImmediate(resolve));
    releases.shift()?.();
  };
  return { write, batches, release };
}

describe("groupCommit", () => {
  it("writes a lone input at once, and those arriving meanwhile together, in order", async () => {
    const { write, batches, release } = heldWrite();
    const submit = groupCommit(write);
    const first = submit(1);
    expect(batches).toEqual([[1]]);
    const rest = [submit(2), submit(3), submit(4)];
    expect(batches).toHaveLength(1);
    await release();
    await expect(first).resolves.toBe("#1");
    await release();
    await expect(Promise.all(rest)).resolves.toEqual(["#2", "#3", "#4"]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("splits what waits into batches of at most maxBatch", async () => {
    const { write, batches, release } = heldWrite();
    const submit = groupCommit(write, { maxBatch: 2 });
    const all = [1, 2, 3, 4, 5].map(submit);
    for (let i = 0; i < 3; i++) await release();
    await expect(Promise.all(all)).resolves.toEqual(["#1", "#2", "#3", "#4", "#5"]);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it("fails every input of a failed batch, and goes on with the next", async () => {
    const { write, batches, release } = heldWrite();
    const submit = groupCommit(write);
    const first = submit(1);
    const failing = [submit(-1), submit(2)];
    await release();
    await expect(first).resolves.toBe("#1");
    const later = submit(3);
    await release();
    for (const outcome of failing) await expect(outcome).rejects.toThrow("disk full");
    await release();
    await expect(later).resolves.toBe("#3");
    expect(batches).toEqual([[1], [-1, 2], [3]]);
  });

  it("refuses new inputs at once while too many wait", async () => {
    const { write, release } = heldWrite();
    const submit = groupCommit(write, { maxWaiting: 2 });
    const first = submit(1); // being written: no longer waiting
    const waiting = [submit(2), submit(3)];
    await expect(submit(4)).rejects.toThrow("2 writes are waiting already");
    await release();
    await release();
    await expect(first).resolves.toBe("#1");
    await expect(Promise.all(waiting)).resolves.toEqual(["#2", "#3"]);
  });

  it("refuses a write that answers for fewer inputs than it was given", async () => {
    const submit = groupCommit(async (inputs: number[]) => inputs.slice(1));
    await expect(submit(1)).rejects.toThrow("0 outcomes for 1 inputs");
  });
});
