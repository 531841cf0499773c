import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiEndpoints } from "@/lib/api/endpoints";
import { seedDemo } from "@/lib/demo/seed";
import { apiFor, validateDocument } from "@/tests/api-harness";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

/*
 * The OpenAPI document is valid, and every endpoint it documents answers its example, on the
 * demo community, with a body the document's own schema accepts.
 */

let test: TestDatabase;
let api: ReturnType<typeof apiFor>;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db, new Date("2026-11-20T09:00:00Z"), { releases: true });
  api = apiFor(test.db);
}, 240_000);
afterAll(() => test?.close());

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 by an independent validator", async () => {
    expect(await validateDocument(api.document)).toBeNull();
  });

  it("is served at /api/v1/openapi.json", async () => {
    const response = await api.request("/openapi.json");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(api.document)));
  });

  it("names each operation once", () => {
    const ids = apiEndpoints.map((endpoint) => endpoint.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("every documented read", () => {
  const reads = apiEndpoints.filter((endpoint) => endpoint.method === "GET");
  it.each(reads.map((endpoint) => [endpoint.operationId, endpoint] as const))(
    "%s answers its example as documented",
    async (_, endpoint) => {
      const response = await api.request(endpoint.example.path);
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect(api.conforms(endpoint.path, "GET", 200, body)).toBeNull();
    },
  );
});
