import "server-only";
import { and, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Database, Executor } from "@/lib/db/client";
import { fetchOutbound, type OutboundResult, type Resolver } from "@/lib/http/outbound";
import type { Message } from "@/lib/i18n";
import { insertNotifications } from "@/lib/notifications/mutations";
import { declarationPath } from "@/lib/paths";
import {
  declarationEvidence,
  declarations,
  evidenceLinks,
  representatives,
} from "@/lib/registry/schema";

type EvidenceState = (typeof evidenceLinks.$inferSelect)["state"];

export type EvidenceCheckOptions = {
  /** How many links one run checks at most. */
  limit?: number;
  /** The pause between two requests, so a run makes a few requests per second at most. */
  gapMs?: number;
  /** How the fetcher resolves host names (tests). */
  resolve?: Resolver;
  timeoutMs?: number;
  /** A number in [0, 1) that spreads the next checks over a day (tests pin it). */
  random?: () => number;
};

export type EvidenceCheckReport = { checked: number; broken: number };

const DAY = 24 * 60 * 60 * 1000;
/** A claimed link waits this long before another run may take it, should this one die. */
const CLAIM_MS = 60 * 60 * 1000;
const DEFAULT_LIMIT = 20;
const DEFAULT_GAP_MS = 250;

/** Six to seven days on, spread so that links published together are not all checked together. */
function nextCheck(now: Date, random: () => number): Date {
  return new Date(now.getTime() + 6 * DAY + Math.floor(random() * DAY));
}

/**
 * Takes up to `limit` due links cited by a listed declaration, and moves their next check an
 * hour on, in one statement: rows another run has locked are skipped and rows it has claimed
 * are no longer due, so two schedulers running at once never check a link twice.
 */
async function claimDue(db: Database, now: Date, limit: number) {
  const due = sql`
    select ${evidenceLinks.url} from ${evidenceLinks}
    where ${evidenceLinks.nextCheckAt} <= ${now}
      and exists (
        select 1 from ${declarationEvidence}
        join ${declarations} on ${declarations.id} = ${declarationEvidence.declarationId}
        where ${declarationEvidence.url} = ${evidenceLinks.url} and ${declarations.state} = 'listed'
      )
    order by ${evidenceLinks.nextCheckAt}
    limit ${limit}
    for update skip locked`;
  return db
    .update(evidenceLinks)
    .set({ nextCheckAt: new Date(now.getTime() + CLAIM_MS) })
    .where(sql`${evidenceLinks.url} in (${due})`)
    .returning({ url: evidenceLinks.url, host: evidenceLinks.host, state: evidenceLinks.state });
}

type Finding = {
  state: EvidenceState;
  status: number | null;
  finalUrl: string | null;
  problem: string | null;
};

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

/** What one answer says of a link: it works where it was, works elsewhere, or does not. */
export function findingOf(url: string, result: OutboundResult): Finding {
  // A body too large to read still answered with its status: the page is there.
  const status = result.ok ? result.status : (result.status ?? null);
  const finalUrl = result.finalUrl ?? null;
  if (status !== null && status >= 200 && status <= 299) {
    const moved = finalUrl !== null && !sameUrl(url, finalUrl);
    return { state: moved ? "moved" : "ok", status, finalUrl, problem: null };
  }
  return { state: "broken", status, finalUrl, problem: result.ok ? null : result.problem };
}

/** "Declaration 12 · Product": what a notification about a declaration is about. */
function declarationSubject(number: number, product: string): Message {
  return { key: "notifications.evidence.subject", params: { number, product } };
}

/**
 * Tells every representative in office of each listed declaration citing `url` that it broke,
 * in the caller's transaction.
 */
async function tellRepresentatives(tx: Executor, url: string, now: Date): Promise<void> {
  const rows = await tx
    .selectDistinct({
      number: declarations.number,
      product: declarations.productName,
      working: declarations.working,
      ref: declarationEvidence.ref,
      userId: representatives.userId,
    })
    .from(declarationEvidence)
    .innerJoin(declarations, eq(declarations.id, declarationEvidence.declarationId))
    .innerJoin(representatives, eq(representatives.organisationId, declarations.organisationId))
    .where(
      and(
        eq(declarationEvidence.url, url),
        eq(declarations.state, "listed"),
        lte(representatives.startsAt, now),
        or(isNull(representatives.endsAt), gt(representatives.endsAt, now)),
      ),
    );
  const byDeclaration = new Map<
    number,
    { product: string; refs: Set<string>; people: Set<string> }
  >();
  for (const row of rows) {
    const entry = byDeclaration.get(row.number) ?? {
      product: row.product ?? row.working.product.name,
      refs: new Set<string>(),
      people: new Set<string>(),
    };
    entry.refs.add(row.ref);
    entry.people.add(row.userId);
    byDeclaration.set(row.number, entry);
  }
  for (const [number, entry] of byDeclaration) {
    await insertNotifications(
      tx,
      [...entry.people].map((userId) => ({ userId, watchId: null, kind: "evidence_broken" })),
      {
        actorId: null,
        path: declarationPath(number),
        excerpt: url,
        message: {
          subject: declarationSubject(number, entry.product),
          excerpt: {
            key: "notifications.evidence.broken",
            params: { refs: [...entry.refs].sort().join(", "), url },
          },
        },
        at: now,
      },
    );
  }
}

async function record(
  db: Database,
  link: { url: string; state: EvidenceState },
  finding: Finding,
  now: Date,
  random: () => number,
): Promise<boolean> {
  const changed = finding.state !== link.state;
  await db.transaction(async (tx) => {
    await tx
      .update(evidenceLinks)
      .set({
        ...finding,
        checkedAt: now,
        nextCheckAt: nextCheck(now, random),
        ...(changed ? { changedAt: now } : {}),
      })
      .where(eq(evidenceLinks.url, link.url));
    if (changed && finding.state === "broken") await tellRepresentatives(tx, link.url, now);
  });
  return changed && finding.state === "broken";
}

/** One link of each host in turn, so a site cited many times is not asked back to back. */
function hostsInTurn<T extends { host: string }>(links: T[]): T[] {
  const byHost = new Map<string, T[]>();
  for (const link of links) byHost.set(link.host, [...(byHost.get(link.host) ?? []), link]);
  const queues = [...byHost.values()];
  const ordered: T[] = [];
  for (let round = 0; ordered.length < links.length; round += 1) {
    for (const queue of queues) {
      const link = queue[round];
      if (link) ordered.push(link);
    }
  }
  return ordered;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The scheduler's evidence check: each due link cited by a listed declaration is requested once,
 * one after another (so never two at a time to one host from this server, and a few a second in
 * all), and what it answered is recorded for the registry's pages. Each link comes due again
 * within a week. A link that breaks is told to the declarations' representatives.
 */
export async function checkDueEvidence(
  db: Database,
  now = new Date(),
  options: EvidenceCheckOptions = {},
): Promise<EvidenceCheckReport> {
  const random = options.random ?? Math.random;
  const claimed = await claimDue(db, now, options.limit ?? DEFAULT_LIMIT);
  let broken = 0;
  for (const [index, link] of hostsInTurn(claimed).entries()) {
    if (index > 0) await pause(options.gapMs ?? DEFAULT_GAP_MS);
    const result = await fetchOutbound(link.url, {
      resolve: options.resolve,
      timeoutMs: options.timeoutMs,
    });
    if (await record(db, link, findingOf(link.url, result), now, random)) broken += 1;
  }
  return { checked: claimed.length, broken };
}
