import { everything } from "@/lib/http/front-tags";

/** Lists and filters make many addresses: keep the most recently filled. */
const MAX_LIVE_ENTRIES = 2000;
/**
 * A live entry is redrawn at least this often even if no change was signalled: countdowns and
 * "closes in" move with the clock, and a lost signal must not leave a page behind for long.
 */
export const LIVE_MAX_AGE_MS = 30_000;

type Kept<Entry> = { entry: Entry; tags: string[]; keptAt: number };

/**
 * The front's live entries, each filed under the tags of what it shows. Each is rendered once
 * however many readers ask at the same time, and forgotten when one of its tags is touched. A
 * render that began before a change to one of its tags may show what was, so it answers the
 * readers who waited for it but is not kept.
 */
export function createLiveStore<Entry extends object, Other>(
  isEntry: (x: Entry | Other) => x is Entry,
  now: () => number = Date.now,
) {
  const kept = new Map<string, Kept<Entry>>();
  const keysOfTag = new Map<string, Set<string>>();
  let filling = new Map<string, { tags: string[]; promise: Promise<Entry | Other> }>();
  /** Counts touches; each tag remembers the count when it was last touched. */
  let clock = 0;
  const touchedAt = new Map<string, number>();

  const forget = (key: string) => {
    const found = kept.get(key);
    if (!found) return;
    kept.delete(key);
    for (const tag of found.tags) keysOfTag.get(tag)?.delete(key);
  };
  const unchangedSince = (tags: string[], started: number) =>
    (touchedAt.get(everything) ?? 0) <= started &&
    tags.every((tag) => (touchedAt.get(tag) ?? 0) <= started);

  return {
    fresh(key: string): Entry | undefined {
      const found = kept.get(key);
      if (!found) return undefined;
      if (now() - found.keptAt < LIVE_MAX_AGE_MS) return found.entry;
      forget(key);
      return undefined;
    },
    fill(key: string, tags: string[], render: () => Promise<Entry | Other>) {
      const pending = filling.get(key);
      if (pending) return pending.promise;
      const started = clock;
      const map = filling;
      const promise = render().then((filled) => {
        if (isEntry(filled) && unchangedSince(tags, started)) {
          forget(key);
          if (kept.size >= MAX_LIVE_ENTRIES) forget(kept.keys().next().value ?? "");
          kept.set(key, { entry: filled, tags, keptAt: now() });
          for (const tag of tags) {
            const keys = keysOfTag.get(tag) ?? new Set<string>();
            keysOfTag.set(tag, keys.add(key));
          }
        }
        return filled;
      });
      promise.finally(() => map.get(key)?.promise === promise && map.delete(key)).catch(() => {});
      map.set(key, { tags, promise });
      return promise;
    },
    /** Forgets every entry showing one of `tags` (all of them for `everything`). */
    touch(tags: readonly string[]): void {
      if (tags.length === 0) return;
      clock += 1;
      for (const tag of tags) touchedAt.set(tag, clock);
      if (tags.includes(everything)) {
        kept.clear();
        keysOfTag.clear();
        filling = new Map();
        return;
      }
      for (const tag of tags) {
        for (const key of keysOfTag.get(tag) ?? []) forget(key);
        keysOfTag.delete(tag);
      }
      // Readers who come now wait for a render that began after the change, not before it.
      for (const [key, pending] of filling) {
        if (pending.tags.some((tag) => tags.includes(tag))) filling.delete(key);
      }
    },
    size: () => kept.size,
  };
}
