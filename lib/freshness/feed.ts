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
   * The safety net, asked every second: if the sequence moved past what was heard and has not
   * been heard a second later, an announcement was lost and every page is redrawn.
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
  let heard = -1;
  let suspect: number | undefined;
  let work = Promise.resolve();

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

  return {
    hear(payload) {
      const announcement = parseAnnouncement(payload);
      if (!announcement) return;
      heard = Math.max(heard, announcement.sequence);
      pending.push(announcement);
      timer ??= setTimeout(resolvePending, BATCH_MS);
    },
    unsure(reason) {
      log(`the change channel ${reason}; every page is redrawn`);
      touch([everything]);
    },
    async check() {
      const last = await lastAnnounced(db);
      if (heard === -1 || last <= heard) {
        heard = Math.max(heard, last);
        suspect = undefined;
        return;
      }
      // Announced but not heard yet: its transaction may still be committing. A second later
      // it is lost (or was rolled back, which costs one needless redraw).
      if (suspect !== undefined && heard < suspect) {
        log("a change was not announced to this server; every page is redrawn");
        touch([everything]);
        heard = last;
        suspect = undefined;
        return;
      }
      suspect = last;
    },
    settled: async () => {
      while (timer || pending.length) {
        await new Promise((resolve) => setTimeout(resolve, BATCH_MS));
      }
      await work;
    },
  };
}
