import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { requireParticipant } from "@/lib/community/authz";
import type { Viewer } from "@/lib/community/viewer";
import type { Database } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import { outbox } from "@/lib/email/schema";
import { createOutboxSender } from "@/lib/email/sender";
import { DomainError } from "@/lib/errors";
import type { Representative } from "@/lib/registry/authz";
import {
  acceptInvitation,
  getInvitation,
  hashInvitationToken,
  type InvitationMail,
  inviteRepresentative,
} from "@/lib/registry/invitations";
import {
  endRepresentative,
  registerOrganisation,
  representativeOf,
  updateOrganisation,
} from "@/lib/registry/organisations";
import {
  getOrganisation,
  listOrganisationDeclarations,
  listOrganisationsOf,
  listRepresentatives,
} from "@/lib/registry/organisations-queries";
import {
  declarations,
  organisationInvitations,
  organisations,
  representatives,
} from "@/lib/registry/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
let db: Database;
let mail: InvitationMail;
const ORIGIN = "https://hum.example";
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  mail = { sender: createOutboxSender(db, "hum@hum.example"), origin: ORIGIN };
});
afterAll(() => test?.close());

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, fields: error.fieldErrors };
    throw error;
  }
  return null;
}

const details = (name: string, website = "https://brightbulb.example/") => ({
  name,
  country: "DE",
  website,
  contact: "registry@brightbulb.example",
});

/** A fresh organisation with its first representative. */
async function organisationWith(name = "Brightbulb Ltd") {
  const founder = await createPerson(db, { name: "Founder Fay" });
  const { slug } = await registerOrganisation(db, founder, details(name));
  const proof = await representativeOf(db, founder, slug, "tests.setup");
  return { founder, slug, proof, organisationId: proof.organisationId };
}

/** The link an invitation email carries, and its token. */
async function invitationLinkTo(email: string) {
  const [message] = await db
    .select()
    .from(outbox)
    .where(eq(outbox.to, email))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  const url = message?.text.match(/https:\/\/\S+/)?.[0] ?? "";
  return { url, token: decodeURIComponent(url.split("/").pop() ?? "") };
}

async function invite(proof: Representative, email: string, now = new Date()) {
  await inviteRepresentative(db, proof, email, now, mail);
  return (await invitationLinkTo(email)).token;
}

async function auditOf(slug: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, "organisation"), eq(auditLog.subjectId, slug)))
    .orderBy(auditLog.id);
}

async function refusalsOf(personId: string, attempted: string) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorId, personId),
        eq(auditLog.action, "access.refused"),
        eq(auditLog.subjectId, attempted),
      ),
    );
}

describe("registering an organisation", () => {
  it("makes the person its first representative, with a slug from its name and an audit entry", async () => {
    const ann = await createPerson(db, { name: "Ann" });
    const { slug } = await registerOrganisation(db, ann, details("Čudna Žarulja GmbH"));
    expect(slug).toBe("cudna-zarulja-gmbh");
    const organisation = await getOrganisation(db, slug);
    expect(organisation).toMatchObject({ name: "Čudna Žarulja GmbH", country: "DE" });
    const [row] = await db.select().from(organisations).where(eq(organisations.slug, slug));
    expect(row?.verificationToken).toMatch(/^hum-verification=[A-Za-z0-9_-]{32}$/);
    expect(row?.verifiedDomain).toBeNull();
    const people = await listRepresentatives(db, organisation?.id ?? "");
    expect(people.map((person) => person.name)).toEqual(["Ann"]);
    expect(await listOrganisationsOf(db, ann.id)).toEqual([{ slug, name: "Čudna Žarulja GmbH" }]);
    const entries = await auditOf(slug);
    expect(entries.map((entry) => [entry.action, entry.actorId, entry.details])).toEqual([
      ["registry.organisation_registered", ann.id, { name: "Čudna Žarulja GmbH" }],
    ]);
  });

  it("gives namesakes their own slugs, and never a page's own address", async () => {
    const ann = await createPerson(db, { name: "Ann" });
    const slugs = [];
    for (const name of ["Acme Devices", "ACME devices!", "Acme  Devices"]) {
      slugs.push((await registerOrganisation(db, ann, details(name))).slug);
    }
    expect(slugs).toEqual(["acme-devices", "acme-devices-2", "acme-devices-3"]);
    expect((await registerOrganisation(db, ann, details("New"))).slug).toBe("new-2");
    expect((await registerOrganisation(db, ann, details("世界"))).slug).toBe("organisation");
  });

  it.each([
    ["name", { name: "<b>Bright</b>" }, "plain_text_only"],
    ["name", { name: "x".repeat(121) }, "too_long"],
    ["name", { name: "  " }, "required"],
    ["country", { country: "XX" }, "invalid_country"],
    ["country", { country: "" }, "required"],
    ["website", { website: "ftp://brightbulb.example" }, "invalid_url"],
    ["website", { website: "javascript:alert(1)" }, "invalid_url"],
    ["contact", { contact: "not a contact" }, "invalid_url"],
    ["contact", { contact: "Ann <ann@example.org>" }, "single_address"],
    ["contact", { contact: "https://" }, "invalid_url"],
  ])("refuses a bad %s next to the field, writing nothing", async (field, change, code) => {
    const ann = await createPerson(db, { name: "Ann" });
    const [before] = await db.select({ n: count() }).from(organisations);
    const result = await refusal(
      registerOrganisation(db, ann, { ...details("Refused Ltd"), ...change }),
    );
    expect(result).toEqual({ code: "invalid_input", fields: { [field]: code } });
    const [after] = await db.select({ n: count() }).from(organisations);
    expect(after?.n).toBe(before?.n);
    expect(await listOrganisationsOf(db, ann.id)).toEqual([]);
  });

  it("accepts a lower-case country code and a contact page", async () => {
    const ann = await createPerson(db, { name: "Ann" });
    const { slug } = await registerOrganisation(db, ann, {
      ...details("Kettle Works"),
      country: "ke",
      contact: "https://kettle.example/contact",
    });
    expect(await getOrganisation(db, slug)).toMatchObject({
      country: "KE",
      contact: "https://kettle.example/contact",
    });
  });

  it("limits how many organisations one person registers in an hour", async () => {
    const ann = await createPerson(db, { name: "Ann" });
    const now = new Date();
    for (let index = 0; index < 10; index += 1) {
      await registerOrganisation(db, ann, details(`Busy ${index}`), now);
    }
    expect(await refusal(registerOrganisation(db, ann, details("Busy 10"), now))).toMatchObject({
      code: "rate_limited",
    });
    expect(await listOrganisationsOf(db, ann.id)).toHaveLength(10);
  });

  it("refuses an anonymous person before anything is written", () => {
    expect(() => requireParticipant(null, "registry.register")).toThrow(DomainError);
  });
});

describe("who may act for an organisation", () => {
  /** Every mutation on an organisation, for one proof. */
  const mutations: Record<
    string,
    (
      proof: Representative,
      target: Awaited<ReturnType<typeof organisationWith>>,
    ) => Promise<unknown>
  > = {
    "registry.manage_organisation": (proof, target) =>
      updateOrganisation(db, proof, details(`Renamed ${target.slug}`)),
    "registry.invite_representative": (proof) =>
      inviteRepresentative(db, proof, "someone@example.org", new Date(), mail),
    "registry.end_representative": async (proof, target) => {
      const [row] = await db
        .select({ id: representatives.id })
        .from(representatives)
        .where(eq(representatives.userId, target.founder.id));
      return endRepresentative(db, proof, row?.id ?? "");
    },
  };

  it.each(Object.keys(mutations))("refuses %s to anyone anonymous", async (attempted) => {
    const target = await organisationWith();
    expect(await refusal(representativeOf(db, null, target.slug, attempted))).toEqual({
      code: "unauthenticated",
      fields: {},
    });
  });

  it.each(Object.keys(mutations))(
    "refuses %s to a participant, a representative of another organisation and an ended representative, on the record",
    async (attempted) => {
      const target = await organisationWith();
      const other = await organisationWith("Other Org");
      const stranger = await createPerson(db, { name: "Stranger Sam" });
      // A second representative whose term then ends.
      const former = await createPerson(db, { name: "Former Flo" });
      await acceptInvitation(db, former, await invite(target.proof, former.email));
      const [formerRow] = await db
        .select({ id: representatives.id })
        .from(representatives)
        .where(eq(representatives.userId, former.id));
      await endRepresentative(db, target.proof, formerRow?.id ?? "");

      for (const person of [stranger, other.founder, former] as Viewer[]) {
        expect(await refusal(representativeOf(db, person, target.slug, attempted))).toEqual({
          code: "forbidden",
          fields: {},
        });
        const refused = await refusalsOf(person.id, attempted);
        expect(refused.map((entry) => entry.details)).toEqual([{ reason: "not_representative" }]);
      }
    },
  );

  it.each(Object.keys(mutations))("lets a representative %s", async (attempted) => {
    const target = await organisationWith();
    const second = await createPerson(db, { name: "Second Sol" });
    await acceptInvitation(db, second, await invite(target.proof, second.email));
    const proof = await representativeOf(db, second, target.slug, attempted);
    const mutate = mutations[attempted];
    if (!mutate) throw new Error(attempted);
    await expect(mutate(proof, target)).resolves.toBeDefined();
  });

  it("answers an unknown organisation with not_found", async () => {
    const ann = await createPerson(db, { name: "Ann" });
    expect(await refusal(representativeOf(db, ann, "nobody-here", "x"))).toMatchObject({
      code: "not_found",
    });
  });
});

describe("changing an organisation's details", () => {
  it("keeps the slug, records the change, and clears a proof for another host", async () => {
    const { slug, proof, organisationId } = await organisationWith("Verified Co");
    const verifiedAt = new Date("2026-01-02T00:00:00Z");
    await db
      .update(organisations)
      .set({ verifiedDomain: "brightbulb.example", verifiedAt, verifiedBy: "well_known" })
      .where(eq(organisations.id, organisationId));

    // Same host, other path: the proof holds.
    const samePlace = await updateOrganisation(
      db,
      proof,
      details("Verified Company", "https://BRIGHTBULB.example/about"),
    );
    expect(samePlace).toEqual({ slug, verificationCleared: false });
    expect(await getOrganisation(db, slug)).toMatchObject({
      name: "Verified Company",
      verifiedDomain: "brightbulb.example",
    });

    const moved = await updateOrganisation(
      db,
      proof,
      details("Verified Company", "https://elsewhere.example/"),
    );
    expect(moved).toEqual({ slug, verificationCleared: true });
    expect(await getOrganisation(db, slug)).toMatchObject({
      website: "https://elsewhere.example/",
      verifiedDomain: null,
      verifiedAt: null,
    });
    const updates = (await auditOf(slug)).filter(
      (entry) => entry.action === "registry.organisation_updated",
    );
    expect(updates.map((entry) => entry.details)).toEqual([
      { name: "Verified Company", domain: null },
      { name: "Verified Company", domain: "brightbulb.example" },
    ]);
  });

  it("refuses bad input next to the field and changes nothing", async () => {
    const { slug, proof } = await organisationWith("Steady Ltd");
    expect(
      await refusal(updateOrganisation(db, proof, { ...details("Steady Ltd"), website: "x" })),
    ).toEqual({ code: "invalid_input", fields: { website: "invalid_url" } });
    expect(await getOrganisation(db, slug)).toMatchObject({
      website: "https://brightbulb.example/",
    });
  });

  it("records nothing when nothing changed", async () => {
    const { slug, proof } = await organisationWith("Quiet Ltd");
    await updateOrganisation(db, proof, details("Quiet Ltd"));
    expect((await auditOf(slug)).map((entry) => entry.action)).toEqual([
      "registry.organisation_registered",
    ]);
  });
});

describe("invitations", () => {
  it("emails a link, keeps only the token's hash, and makes whoever accepts it a representative", async () => {
    const { slug, proof, founder, organisationId } = await organisationWith("Invite Co");
    const now = new Date();
    await inviteRepresentative(db, proof, "Bea@Example.org", now, mail);
    const { url, token } = await invitationLinkTo("bea@example.org");
    expect(url).toBe(`${ORIGIN}/registry/invitations/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const [stored] = await db
      .select()
      .from(organisationInvitations)
      .where(eq(organisationInvitations.organisationId, organisationId));
    expect(stored?.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored?.expiresAt.getTime()).toBe(now.getTime() + 14 * DAY);

    expect(await getInvitation(db, token)).toMatchObject({
      status: "open",
      organisation: { slug, name: "Invite Co" },
    });
    // The link went to Bea; someone else signed in who follows it may accept.
    const carl = await createPerson(db, { name: "Carl" });
    expect(await acceptInvitation(db, carl, token)).toEqual({ slug, name: "Invite Co" });
    expect((await listRepresentatives(db, organisationId)).map((person) => person.name)).toEqual([
      "Founder Fay",
      "Carl",
    ]);
    const [row] = await db
      .select()
      .from(representatives)
      .where(eq(representatives.userId, carl.id));
    expect(row?.addedBy).toBe(founder.id);
    expect((await getInvitation(db, token))?.status).toBe("used");

    const entries = await auditOf(slug);
    expect(entries.map((entry) => [entry.action, entry.actorId])).toEqual([
      ["registry.organisation_registered", founder.id],
      ["registry.representative_invited", founder.id],
      ["registry.representative_added", carl.id],
    ]);
    // The public record never names the invited address.
    expect(JSON.stringify(entries)).not.toContain("bea@example.org");
  });

  it("works once", async () => {
    const { proof } = await organisationWith();
    const token = await invite(proof, "once@example.org");
    await acceptInvitation(db, await createPerson(db, { name: "First" }), token);
    const late = await createPerson(db, { name: "Late" });
    expect(await refusal(acceptInvitation(db, late, token))).toEqual({
      code: "invalid_input",
      fields: { token: "invitation_used" },
    });
  });

  it("expires after 14 days", async () => {
    const { proof } = await organisationWith();
    const sent = new Date(Date.now() - 15 * DAY);
    const token = await invite(proof, "late@example.org", sent);
    expect((await getInvitation(db, token))?.status).toBe("expired");
    const person = await createPerson(db, { name: "Too Late" });
    expect(await refusal(acceptInvitation(db, person, token))).toEqual({
      code: "invalid_input",
      fields: { token: "invitation_expired" },
    });
    expect(await listOrganisationsOf(db, person.id)).toEqual([]);
  });

  it("refuses someone who already represents the organisation, leaving the invitation open", async () => {
    const { founder, proof } = await organisationWith();
    const token = await invite(proof, founder.email);
    expect(await refusal(acceptInvitation(db, founder, token))).toEqual({
      code: "invalid_input",
      fields: { token: "already_representative" },
    });
    expect((await getInvitation(db, token))?.status).toBe("open");
  });

  it("refuses an unknown token and a bad address", async () => {
    const { proof } = await organisationWith();
    const ann = await createPerson(db, { name: "Ann" });
    expect(await refusal(acceptInvitation(db, ann, "made-up"))).toMatchObject({
      code: "not_found",
    });
    expect(await getInvitation(db, "made-up")).toBeNull();
    expect(await refusal(inviteRepresentative(db, proof, "a@x, b@y", new Date(), mail))).toEqual({
      code: "invalid_input",
      fields: { email: "single_address" },
    });
  });

  it("limits how many invitations one person sends in an hour", async () => {
    const { proof } = await organisationWith();
    const now = new Date();
    for (let index = 0; index < 20; index += 1) {
      await inviteRepresentative(db, proof, `many${index}@example.org`, now, mail);
    }
    expect(
      await refusal(inviteRepresentative(db, proof, "one-more@example.org", now, mail)),
    ).toMatchObject({ code: "rate_limited" });
  });
});

describe("ending a representative's term", () => {
  it("ends it, records the person's name, and never ends the last one", async () => {
    const { slug, proof, founder, organisationId } = await organisationWith("Ending Ltd");
    const dan = await createPerson(db, { name: "Dan" });
    await acceptInvitation(db, dan, await invite(proof, dan.email));
    const people = await listRepresentatives(db, organisationId);
    const founderRow = people.find((person) => person.userId === founder.id);
    const danRow = people.find((person) => person.userId === dan.id);

    // Dan ends the founder's term; Dan is then the last one and cannot end his own.
    const danProof = await representativeOf(db, dan, slug, "registry.end_representative");
    expect(await endRepresentative(db, danProof, founderRow?.id ?? "")).toEqual({
      name: "Founder Fay",
    });
    expect(
      await refusal(representativeOf(db, founder, slug, "registry.end_representative")),
    ).toMatchObject({ code: "forbidden" });
    expect(await refusal(endRepresentative(db, danProof, danRow?.id ?? ""))).toEqual({
      code: "invalid_input",
      fields: { representativeId: "last_representative" },
    });
    // An ended term cannot be ended again.
    expect(await refusal(endRepresentative(db, danProof, founderRow?.id ?? ""))).toMatchObject({
      code: "not_found",
    });
    const [ended] = await db
      .select()
      .from(representatives)
      .where(eq(representatives.id, founderRow?.id ?? ""));
    expect(ended?.endedBy).toBe(dan.id);
    expect(ended?.endsAt).not.toBeNull();
    const last = (await auditOf(slug)).at(-1);
    expect([last?.action, last?.actorId, last?.details]).toEqual([
      "registry.representative_ended",
      dan.id,
      { name: "Founder Fay" },
    ]);
  });

  it("refuses a term of another organisation", async () => {
    const mine = await organisationWith("Mine Ltd");
    const theirs = await organisationWith("Theirs Ltd");
    const second = await createPerson(db, { name: "Second" });
    await acceptInvitation(db, second, await invite(mine.proof, second.email));
    const [row] = await db
      .select({ id: representatives.id })
      .from(representatives)
      .where(eq(representatives.userId, theirs.founder.id));
    expect(await refusal(endRepresentative(db, mine.proof, row?.id ?? ""))).toMatchObject({
      code: "not_found",
    });
  });
});

describe("an organisation's declarations", () => {
  it("shows drafts to its representatives only", async () => {
    const { organisationId, founder } = await organisationWith("Declaring Ltd");
    const [standard] = await db
      .insert(standards)
      .values({ slug: `std-${Date.now()}`, name: "A standard" })
      .returning({ id: standards.id });
    const now = new Date();
    const body = (name: string) => ({
      standard: "std",
      release: { version: "1.0.0", digest: "" },
      product: { name, model: "", url: "", category: "" },
      claims: [],
      answers: [],
    });
    const row = (name: string, extra: Partial<typeof declarations.$inferInsert>) => ({
      organisationId,
      standardId: standard?.id ?? "",
      working: body(name),
      stateChangedAt: now,
      createdBy: founder.id,
      createdAt: now,
      updatedAt: now,
      ...extra,
    });
    await db.insert(declarations).values([
      row("Draft lamp", {}),
      row("Working name", {
        state: "listed",
        latestVersion: 1,
        productName: "Listed lamp",
        expiresAt: new Date(now.getTime() + 365 * DAY),
      }),
    ]);
    const all = await listOrganisationDeclarations(db, organisationId, { drafts: true });
    expect(all.map((entry) => [entry.product, entry.state])).toEqual([
      ["Listed lamp", "listed"],
      ["Draft lamp", "draft"],
    ]);
    const shown = await listOrganisationDeclarations(db, organisationId, { drafts: false });
    expect(shown.map((entry) => entry.product)).toEqual(["Listed lamp"]);
  });
});
