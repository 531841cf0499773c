import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";

let embedded: EmbeddedDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  embedded = await startEmbeddedDatabase();
  pool = new pg.Pool({ connectionString: embedded.url, max: 12 });
});
afterAll(async () => {
  await pool?.end();
  await embedded?.stop();
});

describe("the embedded database socket", () => {
  it("keeps each connection's parameterised queries whole when many connections interleave", async () => {
    // Different statement texts, and simple queries (which discard the unnamed statement) mixed
    // in, so that a Bind reaching another connection's statement shows as a wrong answer or error.
    const big = "x".repeat(300_000);
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) =>
        i % 3 === 0
          ? pool.query<{ n: number; s: string }>(`select ${i + 1} as n, 'q${i}' as s`)
          : pool.query<{ n: number; s: string }>(
              // A large parameter arrives in several socket reads, as big inserts do.
              `select $1::int + ${i % 7} + length($3::text) - ${big.length} as n, $2::text as s`,
              [i + 1 - (i % 7), `q${i}`, big],
            ),
      ),
    );
    const failures = results.filter((result) => result.status === "rejected");
    expect(failures.map((failure) => String((failure as PromiseRejectedResult).reason))).toEqual(
      [],
    );
    results.forEach((result, i) => {
      if (result.status === "fulfilled")
        expect(result.value.rows[0]).toEqual({ n: i + 1, s: `q${i}` });
    });
  });

  it("still gives a transaction its connection alone", async () => {
    await pool.query("create table if not exists counter (n int)");
    await pool.query("insert into counter values (0)");
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const client = await pool.connect();
        try {
          await client.query("begin");
          const { rows } = await client.query<{ n: number }>("select n from counter");
          await client.query("update counter set n = $1", [(rows[0]?.n ?? 0) + 1]);
          await client.query("commit");
        } finally {
          client.release();
        }
      }),
    );
    const { rows } = await pool.query<{ n: number }>("select n from counter");
    expect(rows[0]?.n).toBe(20);
  });
});
