import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { challenges } from "@/lib/challenges/schema";
import type { Executor } from "@/lib/db/client";
import { calls } from "@/lib/decisions/schema";
import { threadPlace } from "@/lib/discussion/place";
import { threads } from "@/lib/discussion/schema";
import { standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { callPath, challengePath, declarationPath, releasePath } from "@/lib/paths";
import { declarations, organisations } from "@/lib/registry/schema";

/**
 * What an audit entry is about, for a webhook: the standard or organisation it belongs to (who
 * hears of it), the facts a receiver may show, and the page that tells the rest. Only what the
 * public page shows and moderation cannot hide later: numbers, names, states; never a comment,
 * a reason or anyone's address.
 */

export type EventEntry = {
  id: number;
  at: Date;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, string | number | boolean | null>;
};

type Named = { slug: string; name: string };

export type EventSubject = {
  standardId: string | null;
  organisationId: string | null;
  standard: Named | null;
  organisation: Named | null;
  /** The facts of the event, e.g. `{ call: { number, title, kind, outcome } }`. */
  facts: Record<string, Record<string, string | number | null>>;
  path: string;
};

const scoped = /^([a-z0-9-]+)\/(.+)$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const numeric = /^\d{1,9}$/;
const text = (value: unknown) => (typeof value === "string" ? value : null);

async function callsNamed(db: Executor, names: string[]) {
  if (names.length === 0) return new Map();
  const name = sql<string>`${standards.slug} || '/' || ${calls.number}`;
  const rows = await db
    .select({
      name,
      number: calls.number,
      title: calls.title,
      kind: calls.kind,
      phase: calls.phase,
      standardId: standards.id,
      slug: standards.slug,
      standardName: standards.name,
    })
    .from(calls)
    .innerJoin(standards, eq(standards.id, calls.standardId))
    .where(inArray(name, names));
  return new Map(rows.map((row) => [row.name, row]));
}

async function standardsBy(db: Executor, key: "slug" | "id", values: string[]) {
  if (values.length === 0) return new Map<string, { id: string } & Named>();
  const rows = await db
    .select({ id: standards.id, slug: standards.slug, name: standards.name })
    .from(standards)
    .where(inArray(key === "slug" ? standards.slug : standards.id, values));
  return new Map(rows.map((row) => [key === "slug" ? row.slug : row.id, row]));
}

async function declarationsNumbered(db: Executor, numbers: number[]) {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .select({
      number: declarations.number,
      product: declarations.productName,
      state: declarations.state,
      standardId: declarations.standardId,
      organisationId: organisations.id,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
    })
    .from(declarations)
    .innerJoin(organisations, eq(organisations.id, declarations.organisationId))
    .where(inArray(declarations.number, numbers));
  return new Map(rows.map((row) => [row.number, row]));
}

async function challengesNumbered(db: Executor, numbers: number[]) {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .select({
      number: challenges.number,
      kind: challenges.kind,
      phase: challenges.phase,
      standardId: challenges.standardId,
      declaration: declarations.number,
      product: declarations.productName,
      organisationId: organisations.id,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
    })
    .from(challenges)
    .leftJoin(declarations, eq(declarations.id, challenges.declarationId))
    .leftJoin(organisations, eq(organisations.id, declarations.organisationId))
    .where(inArray(challenges.number, numbers));
  return new Map(rows.map((row) => [row.number, row]));
}

/** Threads by id, where lib/discussion places them (a clause's page or a call's). */
async function threadsById(db: Executor, ids: string[]) {
  const found = new Map<
    string,
    { kind: string; standardId: string; path: string; clause: string | null; call: number | null }
  >();
  const valid = [...new Set(ids.filter((id) => uuid.test(id)))];
  if (valid.length === 0) return found;
  const kinds = await db
    .select({ id: threads.id, kind: threads.kind })
    .from(threads)
    .where(inArray(threads.id, valid));
  for (const row of kinds) {
    try {
      const place = await threadPlace(db, row.id);
      found.set(row.id, {
        kind: row.kind,
        standardId: place.standardId,
        path: place.path,
        // Where it was opened, as data: the page's label is in one language.
        clause: place.audit.subjectType === "clause" ? place.audit.subjectId : null,
        call:
          place.audit.subjectType === "call"
            ? Number(place.audit.subjectId.split("/").at(-1))
            : null,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return found;
}

/** Each entry's subject, in a handful of queries however many entries there are. */
export async function subjectsOf(
  db: Executor,
  entries: EventEntry[],
): Promise<Map<number, EventSubject>> {
  const of = (type: string) => entries.filter((entry) => entry.subjectType === type);
  const numbers = (type: string) =>
    of(type)
      .map((entry) => entry.subjectId)
      .filter((id) => numeric.test(id))
      .map(Number);
  const threadIds = entries.flatMap((entry) => text(entry.details.thread) ?? []);
  const releaseSlugs = of("release").flatMap((entry) => scoped.exec(entry.subjectId)?.[1] ?? []);
  const [callRows, threadRows, declarationRows, challengeRows, bySlug] = await Promise.all([
    callsNamed(
      db,
      of("call").map((entry) => entry.subjectId),
    ),
    threadsById(db, threadIds),
    declarationsNumbered(db, numbers("declaration")),
    challengesNumbered(db, numbers("challenge")),
    standardsBy(db, "slug", releaseSlugs),
  ]);
  const standardIds = [
    ...[...threadRows.values()].map((row) => row.standardId),
    ...[...declarationRows.values()].map((row) => row.standardId),
    ...[...challengeRows.values()].map((row) => row.standardId),
  ];
  const byId = await standardsBy(db, "id", [...new Set(standardIds)]);
  const named = (id: string | null) => {
    const row = id ? byId.get(id) : undefined;
    return row ? { slug: row.slug, name: row.name } : null;
  };

  const found = new Map<number, EventSubject>();
  for (const entry of entries) {
    const thread = threadRows.get(text(entry.details.thread) ?? "");
    if (entry.action.startsWith("discussion.") && thread) {
      found.set(entry.id, {
        standardId: thread.standardId,
        organisationId: null,
        standard: named(thread.standardId),
        organisation: null,
        facts: { thread: { kind: thread.kind, clause: thread.clause, call: thread.call } },
        path: thread.path,
      });
      continue;
    }
    if (entry.subjectType === "call") {
      const call = callRows.get(entry.subjectId);
      if (!call) continue;
      found.set(entry.id, {
        standardId: call.standardId,
        organisationId: null,
        standard: { slug: call.slug, name: call.standardName },
        organisation: null,
        facts: {
          call: {
            number: call.number,
            title: call.title,
            kind: call.kind,
            phase: text(entry.details.phase) ?? call.phase,
          },
        },
        path: callPath(call.slug, call.number),
      });
      continue;
    }
    if (entry.subjectType === "release") {
      const [, slug, version] = scoped.exec(entry.subjectId) ?? [];
      const standard = slug ? bySlug.get(slug) : undefined;
      if (!standard || !version) continue;
      found.set(entry.id, {
        standardId: standard.id,
        organisationId: null,
        standard: { slug: standard.slug, name: standard.name },
        organisation: null,
        facts: { release: { version } },
        path: releasePath(standard.slug, version),
      });
      continue;
    }
    if (entry.subjectType === "declaration") {
      const row = declarationRows.get(Number(entry.subjectId));
      if (!row) continue;
      found.set(entry.id, {
        standardId: row.standardId,
        organisationId: row.organisationId,
        standard: named(row.standardId),
        organisation: { slug: row.organisationSlug, name: row.organisationName },
        facts: { declaration: { number: row.number, product: row.product, state: row.state } },
        path: declarationPath(row.number),
      });
      continue;
    }
    if (entry.subjectType === "challenge") {
      const row = challengeRows.get(Number(entry.subjectId));
      if (!row) continue;
      found.set(entry.id, {
        standardId: row.standardId,
        organisationId: row.organisationId,
        standard: named(row.standardId),
        organisation:
          row.organisationSlug && row.organisationName
            ? { slug: row.organisationSlug, name: row.organisationName }
            : null,
        facts: {
          challenge: { number: row.number, kind: row.kind, phase: row.phase },
          ...(row.declaration !== null
            ? { declaration: { number: row.declaration, product: row.product } }
            : {}),
        },
        path: challengePath(row.number),
      });
    }
  }
  return found;
}
