import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "@/lib/auth/schema";
import { openAudience, standInViewer } from "@/lib/community/audience";
import { type Participant, requireGroupMember, requireParticipant } from "@/lib/community/authz";
import { memberReading, personalOn } from "@/lib/decisions/member-pages";
import { takePosition } from "@/lib/decisions/positions";
import { calls } from "@/lib/decisions/schema";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { editComment, hideComment, openThread } from "@/lib/discussion/mutations";
import { clauses, standards } from "@/lib/drafting/schema";
import { createFront, type Front } from "@/lib/http/front";
import { callTag, standardTag } from "@/lib/http/front-tags";
import { AUDIENCE_HEADER } from "@/lib/http/member-markers";
import { setWatch } from "@/lib/notifications/mutations";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { httpGet } from "@/tests/http-get";
import { createPerson } from "@/tests/people";

/*
 * Members' call and clause pages, kept by the front once per audience: the reader's session and
 * own parts are read from the database; Next.js is a stand-in that says who it drew for.
 */

const secret = "the site's secret, for these tests alone";
let test: TestDatabase;
const people: Record<string, Participant> = {};
let callNumber = 0;
let callId = "";
let clauseId = "";
let noorProposed = false;

/** Who each render reached Next.js for: the audience it opened to, or the cookie it carried. */
let renders: { url: string; audience: string | null; cookie: string; forged: boolean }[] = [];
const nonce = "c3RhbmQtaW4tbm9uY2U=";
const upstream = http.createServer((request, response) => {
  const sealed = request.headers[AUDIENCE_HEADER];
  const audience = typeof sealed === "string" ? openAudience(sealed, secret) : null;
  renders.push({
    url: request.url ?? "",
    audience: audience ? JSON.stringify(audience) : null,
    cookie: String(request.headers.cookie ?? ""),
    forged: sealed !== undefined && audience === null,
  });
  if (request.url?.includes("/calls/999")) {
    response.writeHead(404, { "Content-Type": "text/html" }).end("<p>no such call</p>");
    return;
  }
  response
    .writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
      "Set-Cookie": "hum-notice=; Max-Age=0",
    })
    .end(
      `<html><head><title>P</title></head><body><main>Page ${request.url} #${renders.length}</main><script nonce="${nonce}">self.__next_f.push([1,"x"])</script></body></html>`,
    );
});
let front: Front;
let base: string;

const sessionOf = async (key: string, expires = new Date(Date.now() + 3_600_000)) => {
  const token = `token-${key}-${expires.getTime()}`;
  await test.db
    .insert(sessions)
    .values({ sessionToken: token, userId: people[key]?.id ?? "", expires });
  return `authjs.session-token=${token}`;
};

const get = (path: string, headers: Record<string, string> = {}) =>
  httpGet(`${base}${path}`, headers).then((answer) => ({
    ...answer,
    body: answer.body.toString("utf8"),
  }));

/** The reader's own parts, as the page carries them. */
const ownOf = (html: string) =>
  JSON.parse(
    html.match(/<script type="application\/json" id="hum-personal">(.*?)<\/script>/)?.[1] ?? "null",
  );

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  const demo = demoViewers(test.db, demoEmail, new Date());
  for (const key of ["rosa", "noor"]) people[key] = await demo(key);
  // A newcomer: like Noor, no role; unlike her, nothing said yet.
  people.ines = await createPerson(test.db, { name: "Ines Neuling" });
  people.jan = await createPerson(test.db, { name: "Jan Neuling" });
  const [call] = await test.db
    .select({ id: calls.id, number: calls.number, openedBy: calls.openedBy })
    .from(calls)
    .innerJoin(standards, eq(standards.id, calls.standardId))
    .where(and(eq(standards.slug, "iotmark"), eq(calls.phase, "open")))
    .limit(1);
  if (!call) throw new Error("the demo has no open call");
  ({ id: callId, number: callNumber } = call);
  noorProposed = call.openedBy === people.noor?.id;
  const [clause] = await test.db
    .select({ id: clauses.id })
    .from(clauses)
    .innerJoin(standards, eq(standards.id, clauses.standardId))
    .where(and(eq(standards.slug, "iotmark"), eq(clauses.refCode, "HW"), eq(clauses.refNumber, 2)));
  clauseId = clause?.id ?? "";
  const noor = people.noor as Participant;
  await takePosition(test.db, noor, callId, { stance: "support", reason: "Noor's own reason." });
  await setWatch(test.db, noor, "clause", clauseId, true);
  await openThread(test.db, noor, clauseId, {
    kind: "objection",
    title: "Noor objects",
    body: "Noor's *own* words.",
    quote: null,
  });

  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const { port } = upstream.address() as AddressInfo;
  front = createFront({ host: "127.0.0.1", port }, { members: memberReading(test.db, secret) });
  await new Promise<void>((resolve) => front.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  front?.server.closeAllConnections();
  await new Promise((resolve) => front?.server.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
  await test?.close();
});

describe("a reader's own parts", () => {
  it("on a call: their position, and what they may do", async () => {
    const call = { kind: "call", slug: "iotmark", number: callNumber } as const;
    const noor = await personalOn(test.db, people.noor as Participant, call);
    expect(noor?.name).toBe("Noor Haddad");
    expect(noor?.call).toMatchObject({
      position: { stance: "support", reason: "Noor's own reason.", itemIds: [] },
      voteStage: null, // an open call is not voted on
      isProposer: noorProposed,
      mayAppeal: true,
    });
    const ines = await personalOn(test.db, people.ines as Participant, call);
    expect(ines?.call).toMatchObject({ position: null, mayAppeal: false });
  });

  it("on a clause: what they watch, the objections they may settle, the comments they may edit", async () => {
    const clause = { kind: "clause", slug: "iotmark", ref: "HW-2" } as const;
    const noor = await personalOn(test.db, people.noor as Participant, clause);
    expect(noor?.watching).toEqual([`clause:${clauseId}`]);
    expect(noor?.threads.settle).toHaveLength(1);
    expect(Object.values(noor?.threads.sources ?? {})).toEqual(["Noor's *own* words."]);
    const ines = await personalOn(test.db, people.ines as Participant, clause);
    expect(ines).toMatchObject({ watching: [], threads: { settle: [], sources: {} } });
  });

  it("of nothing, on a page that shows nothing", async () => {
    const ines = people.ines as Participant;
    expect(
      await personalOn(test.db, ines, { kind: "call", slug: "iotmark", number: 999 }),
    ).toBeNull();
    expect(
      await personalOn(test.db, ines, { kind: "clause", slug: "iotmark", ref: "HW-999" }),
    ).toBeNull();
    expect(
      await personalOn(test.db, ines, { kind: "clause", slug: "nowhere", ref: "HW-2" }),
    ).toBeNull();
  });

  it("give an objection's reason as its comment reads now", async () => {
    const ines = people.ines as Participant;
    await takePosition(test.db, ines, callId, { stance: "object", reason: "First words." });
    const call = { kind: "call", slug: "iotmark", number: callNumber } as const;
    const objected = await personalOn(test.db, ines, call);
    const [comment] = Object.keys(objected?.threads.sources ?? {});
    expect(objected?.threads.settle).toHaveLength(1);
    await editComment(test.db, ines, comment ?? "", "Second, better words.");
    expect((await personalOn(test.db, ines, call))?.call?.position).toMatchObject({
      stance: "object",
      reason: "Second, better words.",
    });
    await takePosition(test.db, ines, callId, { stance: "abstain", reason: "" });
  });

  it("are none where moderators hid words of the reader's: Next.js draws that page for them", async () => {
    const ines = people.ines as Participant;
    const clause = { kind: "clause", slug: "iotmark", ref: "HW-3" } as const;
    const [hw3] = await test.db
      .select({ id: clauses.id })
      .from(clauses)
      .innerJoin(standards, eq(standards.id, clauses.standardId))
      .where(
        and(eq(standards.slug, "iotmark"), eq(clauses.refCode, "HW"), eq(clauses.refNumber, 3)),
      );
    await openThread(test.db, ines, hw3?.id ?? "", {
      kind: "comment",
      title: "Ines asks",
      body: "Words the moderators will hide.",
      quote: null,
    });
    const [comment] = Object.keys((await personalOn(test.db, ines, clause))?.threads.sources ?? {});
    const rosa = await requireGroupMember(test.db, people.rosa ?? null, "advisory_group", "test");
    await hideComment(test.db, rosa, comment ?? "", "Off topic.");
    expect(await personalOn(test.db, ines, clause)).toBeNull();
    expect(await personalOn(test.db, people.noor as Participant, clause)).not.toBeNull();
  });

  it("belong to a session only while it lasts", async () => {
    const reading = memberReading(test.db, secret);
    const live = (await sessionOf("rosa")).split("=")[1] ?? "";
    const ended = (await sessionOf("rosa", new Date(Date.now() - 1000))).split("=")[1] ?? "";
    const rosa = await reading.reader(live);
    expect(rosa).toMatchObject({ language: null });
    expect(openAudience(rosa?.sealed, secret)).toMatchObject({
      roles: [{ group: "advisory_group", role: "chair" }],
    });
    expect(openAudience(rosa?.sealed, "another secret")).toBeNull();
    expect(await rosa?.own({ kind: "clause", slug: "iotmark", ref: "HW-2" })).toMatchObject({
      name: "Rosa Lindqvist",
    });
    expect(await reading.reader(ended)).toBeNull();
    expect(await reading.reader("no-such-token")).toBeNull();
  });
});

describe("a page's stand-in for an audience", () => {
  it("may read, never act", async () => {
    const rosa = await memberReading(test.db, secret).reader(
      (await sessionOf("rosa")).split("=")[1] ?? "",
    );
    const audience = openAudience(rosa?.sealed, secret);
    if (!audience) throw new Error("no audience");
    expect(() => requireParticipant(standInViewer(audience))).toThrow(
      expect.objectContaining({ code: "unauthenticated" }),
    );
  });
});

describe("the front, for members", () => {
  const callPage = () => `/standards/iotmark/calls/${callNumber}`;

  it("draws a page once for everyone of an audience, and gives each reader their own parts", async () => {
    renders = [];
    const [noor, jan, rosa] = await Promise.all(
      ["noor", "jan", "rosa"].map((key) => sessionOf(key)),
    );
    const [forNoor, forJan] = await Promise.all([
      get(callPage(), { cookie: noor ?? "" }),
      get(callPage(), { cookie: jan ?? "" }),
    ]);
    const forRosa = await get(callPage(), { cookie: rosa ?? "" });
    // Noor and Jan hold no role: one render. Rosa chairs the advisory group: one of hers.
    expect(renders).toHaveLength(2);
    expect(
      renders.every((render) => render.audience !== null && render.cookie === "hum-locale=en"),
    ).toBe(true);
    expect(JSON.parse(renders[1]?.audience ?? "{}").roles).toEqual([
      { group: "advisory_group", role: "chair" },
    ]);
    for (const answer of [forNoor, forJan, forRosa]) {
      expect(answer.status).toBe(200);
      expect(answer.headers["cache-control"]).toContain("no-store");
      expect(answer.headers["set-cookie"]).toBeUndefined();
      expect(answer.body).not.toContain(nonce);
    }
    expect(ownOf(forNoor.body)).toMatchObject({
      name: "Noor Haddad",
      call: { position: { stance: "support" } },
    });
    expect(ownOf(forJan.body)).toMatchObject({ name: "Jan Neuling", call: { position: null } });
    expect(ownOf(forRosa.body).name).toBe("Rosa Lindqvist");
    // Apart from the nonce and their own parts, Noor's page is Jan's.
    const shared = (answer: typeof forNoor) => {
      const fresh =
        String(answer.headers["content-security-policy"]).match(/'nonce-([^']+)'/)?.[1] ?? "";
      return answer.body
        .replaceAll(fresh, "")
        .replace(/<script type="application\/json"[\s\S]*?<\/script>/, "");
    };
    expect(shared(forNoor)).toBe(shared(forJan));
    expect(shared(forNoor)).not.toContain("Noor");
  });

  it("draws it again once what it shows has changed", async () => {
    const noor = await sessionOf("noor");
    renders = [];
    await get(callPage(), { cookie: noor });
    expect(renders).toHaveLength(0);
    front.touch([standardTag("elsewhere")]);
    await get(callPage(), { cookie: noor });
    expect(renders).toHaveLength(0);
    front.touch([callTag("iotmark", String(callNumber))]);
    await get(callPage(), { cookie: noor });
    expect(renders).toHaveLength(1);
  });

  it("leaves Next.js to draw the page for a session that ended, a page that is not there, and a reader without scripts", async () => {
    const ended = await sessionOf("jan", new Date(Date.now() - 1000));
    const noor = await sessionOf("noor");
    renders = [];
    const gone = await get(callPage(), { cookie: ended });
    expect(renders.at(-1)).toMatchObject({ audience: null, cookie: ended });
    expect(ownOf(gone.body)).toBeNull();
    await get("/standards/iotmark/calls/999", { cookie: noor });
    expect(renders.at(-1)).toMatchObject({ audience: null, cookie: noor });
    await get(`${callPage()}?personal=1`, { cookie: noor });
    expect(renders.at(-1)).toMatchObject({ audience: null, cookie: noor });
  });

  it("never lets a reader name an audience themselves", async () => {
    const noor = await sessionOf("noor");
    renders = [];
    const forged = "W1siYWR2aXNvcnlfZ3JvdXA6Y2hhaXIiXSxmYWxzZSxudWxsLG51bGxd.x";
    await get("/groups", { [AUDIENCE_HEADER]: forged });
    await get(`${callPage()}?personal=1`, { cookie: noor, [AUDIENCE_HEADER]: forged });
    expect(renders.map((render) => render.forged)).toEqual([false, false]);
    expect(renders.every((render) => render.audience === null)).toBe(true);
  });
});
