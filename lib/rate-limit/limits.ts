/**
 * The named limits, per person: how many writes of each kind in how many seconds. Every write
 * that adds public text or an audit entry counts against one of them.
 */
export const limits = {
  /** Threads, replies, comment edits, re-raised objections, thread status changes. */
  comment: { points: 10, windowSeconds: 60 },
  /** Stance changes on calls; each one is an audit entry. */
  position: { points: 60, windowSeconds: 3600 },
  /** Calls; each one notifies every participant. */
  call: { points: 20, windowSeconds: 3600 },
  /** New clauses; each one takes a reference forever. */
  clause: { points: 20, windowSeconds: 3600 },
  /** Changes to a clause's structure, moves and saved revisions. */
  drafting: { points: 60, windowSeconds: 3600 },
  /** Whole standards imported from Markdown. */
  import: { points: 5, windowSeconds: 3600 },
  /** Survey responses from one address (keyed on its salted hash, never the address itself). */
  survey: { points: 20, windowSeconds: 60 },
} as const satisfies Record<string, Limit>;

export type Limit = { points: number; windowSeconds: number };
export type LimitName = keyof typeof limits;
