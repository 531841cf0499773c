/**
 * Group commit: writes that arrive while one is being written wait and go together in the next
 * transaction. On the embedded database every transaction holds the whole database while its
 * statements go back and forth, so a hundred writes cost a hundred of those holds one by one, or
 * one when they go together. Nothing waits for a timer: a write arriving when none is in progress
 * starts at once, so a lone write is as quick as before.
 *
 * `write` gets the waiting inputs in arrival order and answers with one outcome per input, in
 * the same order. If it fails, every input of that batch fails with its error; the next batch is
 * not affected. Past `maxWaiting` inputs waiting, a new one fails at once.
 */
export function groupCommit<Input, Outcome>(
  write: (inputs: Input[]) => Promise<Outcome[]>,
  { maxBatch = 100, maxWaiting = 10_000 }: { maxBatch?: number; maxWaiting?: number } = {},
): (input: Input) => Promise<Outcome> {
  type Waiting = {
    input: Input;
    resolve: (outcome: Outcome) => void;
    reject: (error: unknown) => void;
  };
  let waiting: Waiting[] = [];
  let writing = false;

  const drain = async () => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        const outcomes = await write(batch.map(({ input }) => input));
        if (outcomes.length !== batch.length) {
          throw new Error(`group commit: ${outcomes.length} outcomes for ${batch.length} inputs`);
        }
        for (const [i, { resolve }] of batch.entries()) resolve(outcomes[i] as Outcome);
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    writing = false;
  };

  return (input) =>
    new Promise<Outcome>((resolve, reject) => {
      // A database that stopped answering must not make what waits grow without end.
      if (waiting.length >= maxWaiting) {
        reject(new Error(`group commit: ${waiting.length} writes are waiting already`));
        return;
      }
      waiting.push({ input, resolve, reject });
      if (!writing) void drain();
    });
}
