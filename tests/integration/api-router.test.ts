import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "@/lib/api/tokens";
import { standards } from "@/lib/drafting/schema";
import { apiFor } from "@/tests/api-harness";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
let api: ReturnType<typeof apiFor>;

beforeAll(async () => {
  test = await createTestDatabase();
  await test.db.insert(standards).values(
    Array.from({ length: 5 }, (_, index) => ({
      slug: `std-${index}`,
      name: `Standard ${index}`,
    })),
  );
  api = apiFor(test.db);
}, 60_000);
afterAll(() => test?.close());

describe("the API's common behaviour", () => {
  it("pages with a cursor, in a stable order, without repeats", async () => {
    const seen: string[] = [];
    let path = "/standards?limit=2";
    for (;;) {
      const response = await api.request(path);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { data: { slug: string }[]; next: string | null };
      expect(api.conforms("/standards", "GET", 200, page)).toBeNull();
      seen.push(...page.data.map((standard) => standard.slug));
      if (!page.next) break;
      path = `/standards?limit=2&cursor=${page.next}`;
    }
    expect(seen).toEqual(["std-0", "std-1", "std-2", "std-3", "std-4"]);
  });

  it("refuses an unknown parameter with problem+json naming it", async () => {
    const response = await api.request("/standards?colour=red");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const problem = await response.json();
    expect(problem.errors).toEqual([{ name: "colour", reason: "unknown" }]);
    expect(api.conforms("/standards", "GET", 400, problem)).toBeNull();
  });

  it("refuses a bad value and a forged cursor, naming the parameter", async () => {
    for (const query of ["limit=0", "limit=abc", "limit=101", "cursor=bm9wZQ"]) {
      const response = await api.request(`/standards?${query}`);
      expect(response.status, query).toBe(400);
      const problem = await response.json();
      expect(problem.errors?.[0]?.name, query).toBe(query.split("=")[0]);
    }
  });

  it("answers If-None-Match with 304, and CORS for any origin", async () => {
    const first = await api.request("/standards");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    const again = await api.request("/standards", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    const preflight = await api.request("/standards", { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("says 404 and 405 as problems", async () => {
    expect((await api.request("/nothing-here")).status).toBe(404);
    const wrong = await api.request("/standards", { method: "DELETE" });
    expect(wrong.status).toBe(405);
  });

  it("refuses a bad, an expired and a revoked token with 401, a missing scope with 403", async () => {
    const person = await createPerson(test.db);
    const now = new Date();
    const readOnly = await createToken(
      test.db,
      person,
      { name: "reader", scopes: ["comment"], expiresInDays: 1 },
      now,
    );
    expect((await api.request("/standards", { token: "hum_nonsense" })).status).toBe(401);
    // a token without `read` cannot read through the API
    expect((await api.request("/standards", { token: readOnly.token })).status).toBe(403);
    const expired = await createToken(
      test.db,
      person,
      { name: "old", scopes: ["read"], expiresInDays: 1 },
      new Date(now.getTime() - 2 * 86_400_000),
    );
    const answer = await api.request("/standards", { token: expired.token });
    expect(answer.status).toBe(401);
    expect((await answer.json()).type).toContain("#problem-token-expired");
    const reader = await createToken(test.db, person, {
      name: "ok",
      scopes: ["read"],
      expiresInDays: 1,
    });
    expect((await api.request("/standards", { token: reader.token })).status).toBe(200);
  });
});
