import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Participant } from "@/lib/community/authz";
import { listenToPostgres } from "@/lib/db/change-channel";
import { createDatabase, type Database } from "@/lib/db/client";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { createClause, updateClauseMeta } from "@/lib/drafting/mutations";
import { parseRef } from "@/lib/drafting/rules";
import { clauses, standards } from "@/lib/drafting/schema";
import { type ChangeFeed, changeChannel, createChangeFeed } from "@/lib/freshness/feed";
import { createFront, type Front } from "@/lib/http/front";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

/*
 * Two servers, as two launchers would run them: each its own front, its own change feed reading
 * its own pool, and its own LISTEN connection, in front of one PostgreSQL database. A change
 * committed through either reaches the next reader of both; the pages it does not concern stay
 * kept; and a notification lost on the way is made up for by the check each second.
 */

const adminUrl = process.env.HUM_TEST_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
const reachable = await postgresReachable();

/**
 * How long a test waits for a page to show a change. The bounds themselves (1 s, 2 s) are
 * measured by bench/public-pages.ts, not here: a busy machine may take longer. This is well under
 * the 30 s a kept page may live, so a page that turns fresh in time was redrawn because of the
 * change (or of the safety net, which the servers' logs name), not because it grew old.
 */
const WAIT_MS = 15_000;

let test: TestDatabase;
let databaseName: string;
let author: Participant;
const refs = { changed: "", other: "" };

/** A stand-in for Next.js that draws a clause's page from the database and counts its renders. */
const renders = new Map<string, number>();
let upstreamDb: { db: Database; pool: pg.Pool };
const upstream = http.createServer((request, response) => {
  const url = request.url ?? "/";
  renders.set(url, (renders.get(url) ?? 0) + 1);
  const ref = parseRef(/^\/standards\/iotmark\/draft\/([A-Z0-9-]+)$/.exec(url)?.[1] ?? "");
  if (!ref) {
    response.writeHead(404).end();
    return;
  }
  upstreamDb.db
    .select({ title: clauses.title })
    .from(clauses)
    .innerJoin(standards, eq(standards.id, clauses.standardId))
    .where(
      and(
        eq(standards.slug, "iotmark"),
        eq(clauses.refCode, ref.code),
        eq(clauses.refNumber, ref.number),
      ),
    )
    .then(
      ([row]) =>
        response
          .writeHead(row ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" })
          .end(`<html><body><h1>${row?.title ?? "none"}</h1></body></html>`),
      () => response.writeHead(500).end(),
    );
});

type Server = {
  name: string;
  front: Front;
  feed: ChangeFeed;
  base: string;
  log: string[];
  /** Set to lose the next notification this server's channel brings. */
  loseNext: boolean;
  lost: string[];
  stop: () => Promise<void>;
};
const servers: Server[] = [];

/** One server: the launcher's pieces (scripts/launch.ts `startFront`), wired as it wires them. */
async function startServer(name: string): Promise<Server> {
  const { db, pool } = createDatabase(test.url);
  const { port } = upstream.address() as AddressInfo;
  const front = createFront({ host: "127.0.0.1", port });
  await new Promise<void>((resolve) => front.server.listen(0, "127.0.0.1", resolve));
  const log: string[] = [];
  const feed = createChangeFeed(db, front.touch, (line) => log.push(line));
  const server: Server = {
    name,
    front,
    feed,
    base: `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`,
    log,
    loseNext: false,
    lost: [],
    stop: async () => {},
  };
  const channel = listenToPostgres(
    test.url,
    changeChannel,
    (payload) => {
      if (server.loseNext) {
        server.loseNext = false;
        server.lost.push(payload);
        return;
      }
      feed.hear(payload);
    },
    feed.unsure,
  );
  // As the launcher's `every("checking the change feed", 1_000, feed.check)`.
  const checks = setInterval(() => {
    feed.check().catch((error: unknown) => log.push(`check failed: ${String(error)}`));
  }, 1_000);
  server.stop = async () => {
    clearInterval(checks);
    await channel.stop();
    front.server.closeAllConnections();
    await new Promise((resolve) => front.server.close(resolve));
    await pool.end();
  };
  return server;
}

/** The LISTEN connections open on the test database, as PostgreSQL counts them. */
async function listening(): Promise<number> {
  const { rows } = await test.db.execute<{ count: string }>(
    sql`select count(*)::text as count from pg_stat_activity
        where datname = ${databaseName} and application_name = 'hum-changes'
          and query = ${`LISTEN ${changeChannel}`}`,
  );
  return Number(rows[0]?.count ?? 0);
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const get = (url: string) =>
  new Promise<string>((resolve, reject) => {
    http
      .get(url, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      })
      .on("error", reject);
  });

const page = (ref: string) => `/standards/iotmark/draft/${ref}`;

/** Reads `ref`'s page from `server` until it shows `title`; how long that took. */
async function timeUntilShown(server: Server, ref: string, title: string, since: number) {
  await until(
    `${server.name} shows "${title}"`,
    async () => (await get(`${server.base}${page(ref)}`)).includes(`<h1>${title}</h1>`),
    WAIT_MS,
  );
  return Date.now() - since;
}

async function retitle(ref: string, title: string) {
  const parsed = parseRef(ref);
  const [row] = await test.db
    .select({ id: clauses.id })
    .from(clauses)
    .where(
      and(eq(clauses.refCode, parsed?.code ?? ""), eq(clauses.refNumber, parsed?.number ?? 0)),
    );
  await updateClauseMeta(test.db, author, row?.id ?? "", {
    title,
    moduleCode: "SW",
    level: "Bronze",
    strength: "MUST",
  });
}

describe.skipIf(!reachable)("two servers in front of one PostgreSQL database", () => {
  beforeAll(async () => {
    test = await createTestDatabase({ postgres: adminUrl });
    databaseName = new URL(test.url).pathname.slice(1);
    upstreamDb = createDatabase(test.url);
    await seedDemo(test.db);
    author = await demoViewers(test.db, demoEmail, new Date())("noor");
    for (const [key, title] of [
      ["changed", "Signed updates"],
      ["other", "Update period"],
    ] as const) {
      const { ref } = await createClause(test.db, author, {
        standardSlug: "iotmark",
        title,
        moduleCode: "SW",
        level: "Bronze",
        strength: "MUST",
      });
      refs[key] = ref;
    }
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    servers.push(await startServer("first"), await startServer("second"));
    await until("both servers listen", async () => (await listening()) === 2);
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await new Promise((resolve) => upstream.close(resolve));
    await upstreamDb?.pool.end();
    await test?.close();
  });

  /** Both servers keep both pages: each drawn once per server, then served from memory. */
  async function keepBothPages() {
    for (const server of servers) {
      for (const ref of [refs.changed, refs.other]) {
        await get(`${server.base}${page(ref)}`);
        await get(`${server.base}${page(ref)}`);
      }
    }
    return { changed: renders.get(page(refs.changed)), other: renders.get(page(refs.other)) };
  }

  it("shows a committed change to the next reader of both servers, and keeps the other pages", async () => {
    const before = await keepBothPages();
    const committed = Date.now();
    await retitle(refs.changed, "Signed updates, with a named key");
    const took = await Promise.all(
      servers.map((server) =>
        timeUntilShown(server, refs.changed, "Signed updates, with a named key", committed),
      ),
    );
    console.info(`a change reached the next reader of each server in ${took.join(" and ")} ms`);
    // Each server drew the changed page again, once; the other clause's page stayed kept.
    for (const server of servers) await get(`${server.base}${page(refs.other)}`);
    expect(renders.get(page(refs.other))).toBe(before.other);
    expect((renders.get(page(refs.changed)) ?? 0) - (before.changed ?? 0)).toBe(2);
    for (const server of servers) expect(server.log).toEqual([]);
  });

  it("makes up for a notification one server lost, even when later ones arrive", async () => {
    await keepBothPages();
    const [first, second] = servers as [Server, Server];
    first.loseNext = true;
    const committed = Date.now();
    await retitle(refs.changed, "Signed updates, checked at install");
    // Another change the first server hears, after the one it lost.
    await retitle(refs.other, "Update period, stated at sale");
    await until("the first server lost a notification", async () => first.lost.length > 0);
    const [onFirst, onSecond] = await Promise.all([
      timeUntilShown(first, refs.changed, "Signed updates, checked at install", committed),
      timeUntilShown(second, refs.changed, "Signed updates, checked at install", committed),
    ]);
    console.info(`after a lost notification: ${onFirst} ms (the check), ${onSecond} ms (heard)`);
    // The check runs each second, and gives a number it has not heard half a second more.
    expect(first.log).toEqual(["a change was not announced to this server; every page is redrawn"]);
    expect(second.log).toEqual([]);
    first.log.length = 0;
  });

  it("makes up for a lost notification with nothing after it", async () => {
    await keepBothPages();
    const [, second] = servers as [Server, Server];
    second.loseNext = true;
    const committed = Date.now();
    await retitle(refs.other, "Update period, five years");
    await until("the second server lost a notification", async () => second.lost.length > 0);
    const took = await timeUntilShown(second, refs.other, "Update period, five years", committed);
    console.info(`a lost notification alone: ${took} ms`);
    expect(second.log).toEqual([
      "a change was not announced to this server; every page is redrawn",
    ]);
    second.log.length = 0;
  });

  it("redraws what changed while its listening connection was cut, and hears again", async () => {
    await keepBothPages();
    await test.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = ${databaseName} and application_name = 'hum-changes'
            and pid = (select min(pid) from pg_stat_activity
                       where datname = ${databaseName} and application_name = 'hum-changes')`,
    );
    await until("a server noticed", async () => servers.some((server) => server.log.length > 0));
    const cut = servers.find((server) => server.log.length > 0) as Server;
    expect(cut.log[0]).toMatch(/^the change channel .+; every page is redrawn$/);
    // Committed while the cut server does not listen: it cannot hear of it.
    expect(await listening()).toBe(1);
    const committed = Date.now();
    await retitle(refs.changed, "Signed updates, during the cut");
    const took = await Promise.all(
      servers.map((server) =>
        timeUntilShown(server, refs.changed, "Signed updates, during the cut", committed),
      ),
    );
    console.info(`a change during a cut channel: ${took.join(" and ")} ms`);
    await until("both servers listen again", async () => (await listening()) === 2);
    await until("the cut server says it listens again", async () =>
      cut.log.includes("the change channel listening again; every page is redrawn"),
    );
    // Listening again, it hears the next change as before.
    const after = Date.now();
    await retitle(refs.changed, "Signed updates, after the cut");
    for (const server of servers) {
      await timeUntilShown(server, refs.changed, "Signed updates, after the cut", after);
    }
  });
});
