import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { type Announcement, parseAnnouncement } from "@/lib/freshness/changes";
import { tagsOfAnnouncements } from "@/lib/freshness/places";
import { everything } from "@/lib/http/front-tags";

/** The channel drizzle/0022_change_feed.sql announces every committed change on. */
export const changeChannel = "hum_change";

/** Announcements that come together (an import, a decision) are read together. */
const BATCH_MS = 10;
/** More numbers than this drawn unheard between two checks: the channel is not worth counting. */
const MAX_UNHEARD = 100_000;
/**
 * How long a number drawn may stay unheard before it counts as lost: its transaction commits
 * moments after drawing it. Checked again this soon rather than at the next second, so a lost
 * announcement is made up for within two seconds of its commit.
 */
const GRACE_MS = 500;

/** The sequence's last number, whether or not its transaction committed. */
export async function lastAnnounced(db: Executor): Promise<number> {
  const { rows } = await db.execute<{ last: string | null }>(
    sql`select case when is_called then last_value end::text as last from hum_change_seq`,
  );
  return Number(rows[0]?.last ?? 0);
}

export type ChangeFeed = {
  /** One notification from the channel. */
  hear: (payload: string) => void;
  /** The channel was lost or came back: anything may have changed unheard. */
  unsure: (reason: string) => void;
  /**
   * The safety net, asked every second: if a number the sequence drew was not heard, and still
   * not half a second later, an announcement was lost and every page is redrawn, even when
   * later ones were heard.
   */
  check: () => Promise<void>;
  /** Resolves when every announcement heard so far has touched its tags (for tests). */
  settled: () => Promise<void>;
};

/**
 * Turns announcements into the tags of the pages they make stale, and hands them to `touch`
 * (the front, on its thread). Reading where a change happened takes a query or two, so a burst
 * of announcements is gathered for a few milliseconds and read at once.
 */
export function createChangeFeed(
  db: Executor,
  touch: (tags: string[]) => void,
  log: (line: string) => void = () => {},
): ChangeFeed {
  let pending: Announcement[] = [];
  let timer: NodeJS.Timeout | undefined;
  /** Every number up to this one was heard, or given up on; -1 until the first check. */
  let settledUpTo = -1;
  /** Numbers heard above `settledUpTo`: a later one heard does not vouch for an earlier one. */
  const heardAbove = new Set<number>();
  /** The numbers drawn but not heard at the last check. */
  let missing = new Set<number>();
  let work = Promise.resolve();
  let recheck: NodeJS.Timeout | undefined;

  const settle = (upTo: number) => {
    settledUpTo = upTo;
    for (const sequence of heardAbove) if (sequence <= upTo) heardAbove.delete(sequence);
    missing = new Set();
  };

  // Counted from now: a change lost before the first check is a change lost all the same.
  lastAnnounced(db).then(
    (last) => settledUpTo === -1 && settle(last),
    () => {}, // the first check counts from where it finds the sequence instead
  );

  const resolvePending = () => {
    timer = undefined;
    const batch = pending;
    pending = [];
    work = work.then(() =>
      tagsOfAnnouncements(db, batch).then(touch, (error: unknown) => {
        log(`could not read what changed (${String(error)}); every page is redrawn`);
        touch([everything]);
      }),
    );
  };

  const feed: ChangeFeed = {
    hear(payload) {
      const announcement = parseAnnouncement(payload);
      if (!announcement) return;
      if (announcement.sequence > settledUpTo) heardAbove.add(announcement.sequence);
      pending.push(announcement);
      timer ??= setTimeout(resolvePending, BATCH_MS);
    },
    unsure(reason) {
      log(`the change channel ${reason}; every page is redrawn`);
      touch([everything]);
    },
    async check() {
      const last = await lastAnnounced(db);
      if (settledUpTo === -1) return settle(last);
      // A database restored from a copy, or an import too large to count: anything may differ.
      if (last < settledUpTo || last - settledUpTo > MAX_UNHEARD) {
        log("the change sequence jumped; every page is redrawn");
        touch([everything]);
        return settle(last);
      }
      // Drawn but not heard yet: its transaction may still be committing, or rolled back. Still
      // not heard a moment later, it is lost (or was rolled back, which costs one needless
      // redraw) and every page is redrawn.
      const unheard = new Set<number>();
      for (let sequence = settledUpTo + 1; sequence <= last; sequence++) {
        if (!heardAbove.has(sequence)) unheard.add(sequence);
      }
      if ([...unheard].some((sequence) => missing.has(sequence))) {
        log("a change was not announced to this server; every page is redrawn");
        touch([everything]);
        settle(last);
        return;
      }
      let upTo = settledUpTo;
      while (heardAbove.has(upTo + 1)) upTo += 1;
      settle(upTo);
      missing = unheard;
      if (unheard.size > 0 && !recheck) {
        recheck = setTimeout(() => {
          recheck = undefined;
          feed.check().catch((error: unknown) => log(`could not check the feed (${error})`));
        }, GRACE_MS);
        recheck.unref();
      }
    },
    settled: async () => {
      while (timer || pending.length) {
        await new Promise((resolve) => setTimeout(resolve, BATCH_MS));
      }
      await work;
    },
  };
  return feed;
}
