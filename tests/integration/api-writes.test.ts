import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiEndpoints } from "@/lib/api/endpoints";
import { createToken, listTokens, revokeToken } from "@/lib/api/tokens";
import { auditLog } from "@/lib/audit/schema";
import type { Participant } from "@/lib/community/authz";
import { calls } from "@/lib/decisions/schema";
import { seedDemo } from "@/lib/demo/seed";
import { apiFor } from "@/tests/api-harness";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson } from "@/tests/people";

/*
 * A program with a token takes part as its owner: through the same mutations as the web forms,
 * with their rules and limits, and every change it makes names the token on the public log.
 */

let test: TestDatabase;
let api: ReturnType<typeof apiFor>;
let owner: Participant;
let token: string;

const write = (endpoint: string) => {
  const found = apiEndpoints.find((candidate) => candidate.operationId === endpoint);
  if (!found) throw new Error(endpoint);
  return found;
};

async function auditOf(action: string, actorId: string) {
  return test.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.actorId, actorId)));
}

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  api = apiFor(test.db);
  owner = await createPerson(test.db, { name: "Ci Owner" });
  ({ token } = await createToken(test.db, owner, {
    name: "ci-bot",
    scopes: ["read", "comment", "position"],
    expiresInDays: 30,
  }));
}, 240_000);
afterAll(() => test?.close());

describe("writing through the API", () => {
  let threadId = "";

  it("opens a thread on a clause, recorded with the token's name", async () => {
    const { path, body } = write("openThread").example;
    const response = await api.request(path, { method: "POST", token, body });
    const answer = await response.json();
    expect(response.status, JSON.stringify(answer)).toBe(201);
    expect(api.conforms("/standards/{slug}/threads", "POST", 201, answer)).toBeNull();
    expect(answer.url).toContain("/standards/iotmark/draft/DATA-1#thread-");
    threadId = answer.id;
    const [entry] = await auditOf("discussion.thread_opened", owner.id);
    expect(entry?.details).toMatchObject({ thread: threadId, token: "ci-bot" });
  });

  it("replies in the thread, and the reply is on the log through the token", async () => {
    const response = await api.request(`/standards/iotmark/threads/${threadId}/comments`, {
      method: "POST",
      token,
      body: { text: "A second thought." },
    });
    const answer = await response.json();
    expect(response.status, JSON.stringify(answer)).toBe(201);
    expect(
      api.conforms("/standards/{slug}/threads/{thread}/comments", "POST", 201, answer),
    ).toBeNull();
    const [entry] = await auditOf("discussion.replied", owner.id);
    expect(entry?.details).toMatchObject({ thread: threadId, token: "ci-bot" });
  });

  it("opens a plain-question call and takes a position on it", async () => {
    const { path, body } = write("openCall").example;
    const opened = await api.request(path, { method: "POST", token, body });
    const call = await opened.json();
    expect(opened.status, JSON.stringify(call)).toBe(201);
    expect(api.conforms("/standards/{slug}/calls", "POST", 201, call)).toBeNull();
    const [openedEntry] = await auditOf("decisions.call_opened", owner.id);
    expect(openedEntry?.details).toMatchObject({ token: "ci-bot" });

    const taken = await api.request(`/standards/iotmark/calls/${call.number}/position`, {
      method: "PUT",
      token,
      body: { stance: "support", reason: "Worth asking." },
    });
    const position = await taken.json();
    expect(taken.status, JSON.stringify(position)).toBe(200);
    expect(position).toMatchObject({ call: call.number, stance: "support", clauses: [] });
    expect(
      api.conforms("/standards/{slug}/calls/{number}/position", "PUT", 200, position),
    ).toBeNull();
    const [entry] = await auditOf("decisions.position_taken", owner.id);
    expect(entry?.details).toMatchObject({ stance: "support", token: "ci-bot" });

    // An objection without a reason is refused by the rule, naming the field.
    const refused = await api.request(`/standards/iotmark/calls/${call.number}/position`, {
      method: "PUT",
      token,
      body: { stance: "object" },
    });
    const problem = await refused.json();
    expect([400, 409]).toContain(refused.status);
    expect(problem.errors).toEqual([{ name: "reason", reason: "required" }]);
    expect(
      api.conforms("/standards/{slug}/calls/{number}/position", "PUT", refused.status, problem),
    ).toBeNull();
  });

  it("answers a position on a call that does not exist with 404", async () => {
    const response = await api.request("/standards/iotmark/calls/99999/position", {
      method: "PUT",
      token,
      body: { stance: "support" },
    });
    expect(response.status).toBe(404);
  });

  it("names an unknown body field and an unknown clause", async () => {
    const unknown = await api.request("/standards/iotmark/threads", {
      method: "POST",
      token,
      body: { ...write("openThread").example.body, colour: "red" },
    });
    expect(unknown.status).toBe(400);
    const problem = await unknown.json();
    expect(problem.errors).toEqual([{ name: "colour", reason: "unknown" }]);
    expect(api.conforms("/standards/{slug}/threads", "POST", 400, problem)).toBeNull();

    const noClause = await api.request("/standards/iotmark/threads", {
      method: "POST",
      token,
      body: { ...write("openThread").example.body, clause: "NOPE-99" },
    });
    expect(noClause.status).toBe(400);
    expect((await noClause.json()).errors).toEqual([{ name: "clause", reason: "unknown_clause" }]);
  });

  it("refuses without a token, with a revoked one, and without the scope", async () => {
    const { path, body } = write("openThread").example;
    const anonymous = await api.request(path, { method: "POST", body });
    expect(anonymous.status).toBe(401);
    expect(api.conforms("/standards/{slug}/threads", "POST", 401, await anonymous.json())).toBe(
      null,
    );

    const revoked = await createToken(test.db, owner, {
      name: "old",
      scopes: ["comment"],
      expiresInDays: 7,
    });
    await revokeToken(test.db, owner, revoked.id);
    expect((await api.request(path, { method: "POST", token: revoked.token, body })).status).toBe(
      401,
    );

    const reader = await createToken(test.db, owner, {
      name: "reader",
      scopes: ["read"],
      expiresInDays: 7,
    });
    const forbidden = await api.request(path, { method: "POST", token: reader.token, body });
    expect(forbidden.status).toBe(403);
    expect(api.conforms("/standards/{slug}/threads", "POST", 403, await forbidden.json())).toBe(
      null,
    );
  });

  it("keeps the comment limit, answering 429 with Retry-After", async () => {
    const person = await createPerson(test.db, { name: "Busy" });
    const busy = await createToken(test.db, person, {
      name: "busy",
      scopes: ["comment"],
      expiresInDays: 7,
    });
    const { path, body } = write("openThread").example;
    let last: Response | null = null;
    for (let sent = 0; sent < 11; sent += 1) {
      last = await api.request(path, { method: "POST", token: busy.token, body });
      if (sent < 10) expect(last.status).toBe(201);
    }
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(api.conforms("/standards/{slug}/threads", "POST", 429, await last?.json())).toBe(null);
  });

  it("has examples that answer on the demo (the thread's id aside)", async () => {
    const [open] = await test.db
      .select({ number: calls.number })
      .from(calls)
      .where(eq(calls.number, 3));
    expect(open).toBeDefined();
    const { path, body } = write("takePosition").example;
    const response = await api.request(path, { method: "PUT", token, body });
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
  });
});

describe("access tokens on the profile", () => {
  it("lists a person's own tokens without their values, and revokes only their own", async () => {
    const ann = await createPerson(test.db, { name: "Ann" });
    const bob = await createPerson(test.db, { name: "Bob" });
    const made = await createToken(test.db, ann, {
      name: "laptop",
      scopes: ["read"],
      expiresInDays: 90,
    });
    const listed = await listTokens(test.db, ann);
    expect(listed.map((row) => row.name)).toEqual(["laptop"]);
    expect(JSON.stringify(listed)).not.toContain(made.token);
    expect(listed[0]?.lastUsedAt).toBeNull();
    expect(await listTokens(test.db, bob)).toEqual([]);

    expect(await outcomeOf(revokeToken(test.db, bob, made.id))).toBe("not_found");
    expect((await listTokens(test.db, ann))[0]?.revokedAt).toBeNull();
    expect(await revokeToken(test.db, ann, made.id)).toEqual({ name: "laptop" });
    expect((await listTokens(test.db, ann))[0]?.revokedAt).toBeInstanceOf(Date);
  });

  it("refuses a bad name, no scope or a lifetime out of range, naming the field", async () => {
    const ann = await createPerson(test.db);
    const make = (input: { name: string; scopes: never[] | "read"[]; expiresInDays: number }) =>
      createToken(test.db, ann, input).then(
        () => null,
        (error) => error.fieldErrors,
      );
    expect(await make({ name: "<b>", scopes: ["read"], expiresInDays: 7 })).toEqual({
      name: "invalid",
    });
    expect(await make({ name: "ok", scopes: [], expiresInDays: 7 })).toEqual({
      scopes: "required",
    });
    expect(await make({ name: "ok", scopes: ["read"], expiresInDays: 400 })).toEqual({
      expiresInDays: "date_out_of_range",
    });
  });
});
