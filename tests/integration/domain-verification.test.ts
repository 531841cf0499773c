import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import type { Participant } from "@/lib/community/authz";
import { setEnv } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { requireRepresentative } from "@/lib/registry/authz";
import { verifyDomain, verifyOrganisationDomain } from "@/lib/registry/domain-verification";
import { organisations, representatives } from "@/lib/registry/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
const now = new Date("2026-11-20T10:00:00Z");
/** What the local "website" serves at the well-known path, by organisation slug. */
const published = new Map<string, string>();

const server = http.createServer((request, response) => {
  // The host name tells which organisation's website this is: <slug>.example resolves here.
  const host = (request.headers.host ?? "").split(":")[0] ?? "";
  const text = published.get(host.replace(/\.example$/, ""));
  if (request.url === "/.well-known/hum-verification.txt" && text !== undefined) {
    response.writeHead(200, { "content-type": "text/plain" }).end(text);
  } else {
    response.writeHead(404).end();
  }
});
let port = 0;
const resolve = async () => [{ address: "127.0.0.1", family: 4 as const }];
const noDns = async (): Promise<string[][]> => {
  throw Object.assign(new Error("no record"), { code: "ENODATA" });
};

beforeAll(async () => {
  test = await createTestDatabase();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  port = (server.address() as AddressInfo).port;
  vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "true");
  setEnv({});
});
afterAll(async () => {
  vi.unstubAllEnvs();
  setEnv({});
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await test?.close();
});
afterEach(() => published.clear());

let counter = 0;

/** An organisation whose website is <slug>.example on the local server, and its representative. */
async function organisationWithRepresentative() {
  counter += 1;
  const slug = `org${counter}`;
  const person = await createPerson(test.db);
  const [organisation] = await test.db
    .insert(organisations)
    .values({
      slug,
      name: `Organisation ${counter}`,
      country: "FR",
      website: `http://${slug}.example:${port}/about`,
      contact: "hello@example.org",
      verificationToken: `hum-verify-${slug}-token`,
      createdBy: person.id,
    })
    .returning();
  if (!organisation) throw new Error("insert failed");
  await test.db.insert(representatives).values({
    organisationId: organisation.id,
    userId: person.id,
    startsAt: new Date("2026-01-01T00:00:00Z"),
  });
  return { organisation, person };
}

async function stateOf(id: string) {
  const [row] = await test.db.select().from(organisations).where(eq(organisations.id, id));
  const audits = await test.db
    .select()
    .from(auditLog)
    .where(
      and(eq(auditLog.action, "registry.domain_verified"), eq(auditLog.subjectId, row?.slug ?? "")),
    );
  return { row, audits };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return `${error.code} ${JSON.stringify(error.fieldErrors)}`;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("verifying an organisation's domain", () => {
  it("finds the token in the well-known file, marks the organisation verified and records it", async () => {
    const { organisation, person } = await organisationWithRepresentative();
    published.set(organisation.slug, `# Hum\n${organisation.verificationToken}\n`);
    const representative = await requireRepresentative(
      test.db,
      person,
      organisation.id,
      "registry.verify_domain",
      now,
    );
    expect(
      await verifyDomain(test.db, representative, now, { resolve, resolveTxt: noDns }),
    ).toEqual({
      domain: `${organisation.slug}.example`,
      method: "well_known",
    });
    const { row, audits } = await stateOf(organisation.id);
    expect(row).toMatchObject({
      verifiedDomain: `${organisation.slug}.example`,
      verifiedAt: now,
      verifiedBy: "well_known",
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: person.id,
      subjectType: "organisation",
      subjectId: organisation.slug,
      details: {
        domain: `${organisation.slug}.example`,
        method: "well_known",
        name: organisation.name,
      },
    });
  });

  it("falls back to a DNS TXT record", async () => {
    const { organisation, person } = await organisationWithRepresentative();
    const asked: string[] = [];
    const resolveTxt = async (name: string) => {
      asked.push(name);
      return [
        ["v=spf1 -all"],
        [organisation.verificationToken.slice(0, 10), organisation.verificationToken.slice(10)],
      ];
    };
    expect(
      await verifyOrganisationDomain(test.db, person, organisation.slug, now, {
        resolve,
        resolveTxt,
      }),
    ).toEqual({ domain: `${organisation.slug}.example`, method: "dns" });
    expect(asked).toEqual([`_hum-verification.${organisation.slug}.example`]);
    expect((await stateOf(organisation.id)).row?.verifiedBy).toBe("dns");
  });

  it("writes nothing when the token is wrong or the file is missing", async () => {
    const { organisation, person } = await organisationWithRepresentative();
    const attempt = () =>
      verifyOrganisationDomain(test.db, person, organisation.slug, now, {
        resolve,
        resolveTxt: noDns,
      });
    const failed = `invalid_input ${JSON.stringify({ domain: "verification_failed" })}`;
    expect(await refusal(attempt())).toBe(failed); // 404
    published.set(organisation.slug, "someone-elses-token");
    expect(await refusal(attempt())).toBe(failed);
    published.set(organisation.slug, `prefix${organisation.verificationToken}`);
    expect(await refusal(attempt())).toBe(failed);
    const { row, audits } = await stateOf(organisation.id);
    expect(row).toMatchObject({ verifiedDomain: null, verifiedAt: null, verifiedBy: null });
    expect(audits).toEqual([]);
  });

  it("is refused to anyone but the organisation's representatives", async () => {
    const { organisation } = await organisationWithRepresentative();
    const other = await organisationWithRepresentative();
    published.set(organisation.slug, organisation.verificationToken);
    const participant = await createPerson(test.db);
    const ended = await createPerson(test.db);
    await test.db.insert(representatives).values({
      organisationId: organisation.id,
      userId: ended.id,
      startsAt: new Date("2026-01-01T00:00:00Z"),
      endsAt: new Date("2026-06-01T00:00:00Z"),
    });
    const attempt = (viewer: Participant | null) =>
      refusal(
        verifyOrganisationDomain(test.db, viewer, organisation.slug, now, {
          resolve,
          resolveTxt: noDns,
        }),
      );
    expect(await attempt(null)).toBe("unauthenticated {}");
    expect(await attempt(participant)).toBe("forbidden {}");
    expect(await attempt(ended)).toBe("forbidden {}");
    expect(await attempt(other.person)).toBe("forbidden {}");
    const { row, audits } = await stateOf(organisation.id);
    expect(row?.verifiedDomain).toBeNull();
    expect(audits).toEqual([]);
    const refusals = await test.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "access.refused"),
          eq(auditLog.subjectId, "registry.verify_domain"),
        ),
      );
    expect(refusals.map((entry) => entry.actorId).sort()).toEqual(
      [participant.id, ended.id, other.person.id].sort(),
    );
  });

  it("does not let a redirect to another host prove the domain", async () => {
    const { organisation, person } = await organisationWithRepresentative();
    const redirecting = http.createServer((_request, response) => {
      response
        .writeHead(302, {
          location: `http://elsewhere.example:${port}/.well-known/hum-verification.txt`,
        })
        .end();
    });
    await new Promise<void>((done) => redirecting.listen(0, "127.0.0.1", done));
    const redirectPort = (redirecting.address() as AddressInfo).port;
    published.set("elsewhere", organisation.verificationToken);
    await test.db
      .update(organisations)
      .set({ website: `http://${organisation.slug}.example:${redirectPort}` })
      .where(eq(organisations.id, organisation.id));
    try {
      expect(
        await refusal(
          verifyOrganisationDomain(test.db, person, organisation.slug, now, {
            resolve,
            resolveTxt: noDns,
          }),
        ),
      ).toMatch(/verification_failed/);
    } finally {
      redirecting.closeAllConnections();
      await new Promise((done) => redirecting.close(done));
    }
  });
});
