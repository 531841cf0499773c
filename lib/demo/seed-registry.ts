import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import { type AuditEntry, recordAudits } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import type { Database } from "@/lib/db/client";
import { addDays } from "@/lib/decisions/rules";
import { slugFromTitle } from "@/lib/drafting/sections-rules";
import { declarationSubjectId } from "@/lib/paths";
import {
  type Answer,
  addMonths,
  type Claim,
  type DeclarationBody,
  type DeclarationState,
  declarationDigest,
  type Product,
  publishedBody,
  requiredClauses,
} from "@/lib/registry/rules";
import {
  declarationEvidence,
  declarations,
  declarationVersions,
  evidenceLinks,
  organisations,
  representatives,
} from "@/lib/registry/schema";
import { markTermsOf } from "@/lib/registry/terms";
import type { ReleaseClause, ReleaseContent } from "@/lib/releases/content";
import { releases } from "@/lib/releases/schema";

/*
 * The demo's registry: two organisations (one with its domain proven), four products declared
 * against the newest release in each state a visitor should see, every answer justified and
 * backed by evidence on example domains, already checked. Written in bulk, after the releases.
 *
 * The demo's releases are weeks old, so the lapsed listing's term is shorter than any charter
 * would give: it shows what a lapsed listing looks like, not how long terms are.
 */

type DemoOrganisation = {
  slug: string;
  name: string;
  country: string;
  domain: string;
  representative: string;
  verified: boolean;
};

const demoOrganisations: DemoOrganisation[] = [
  {
    slug: "brightbulb",
    name: "Brightbulb Ltd",
    country: "GB",
    domain: "brightbulb.example.org",
    representative: "kofi",
    verified: true,
  },
  {
    slug: "hearthly",
    name: "Hearthly",
    country: "IE",
    domain: "hearthly.example.org",
    representative: "noor",
    verified: false,
  },
];

type DemoDeclaration = {
  organisation: string;
  product: Product;
  claims: Claim[];
  state: Extract<DeclarationState, "listed" | "lapsed" | "draft">;
  /** Days after the release's publication it was first published (listed). */
  publishedDay: number;
  /** Answers that differ from "met with evidence", by clause title. */
  answers?: Record<string, Pick<Answer, "answer" | "justification">>;
  /** A second version, days after the first, that adds evidence to one clause. */
  revised?: { day: number; title: string; path: string };
};

const demoDeclarations: DemoDeclaration[] = [
  {
    organisation: "brightbulb",
    product: {
      name: "Glow Smart Plug",
      model: "GSP-2 (firmware 3.x)",
      url: "https://brightbulb.example.org/products/glow-smart-plug",
      category: "Smart plug",
    },
    claims: [
      { module: "ORG", level: "Silver" },
      { module: "SW", level: "Silver" },
      { module: "DATA", level: "Silver" },
    ],
    state: "listed",
    publishedDay: 2,
    answers: {
      "Documented local interface": {
        answer: "not_met",
        justification:
          "Today the plug is switched through the Glow app and our cloud service only. A documented local interface comes with the next hardware revision, planned for spring.",
      },
    },
    revised: {
      day: 9,
      title: "Timely fixes for serious vulnerabilities",
      path: "security/advisories/2026-04-relay-timer",
    },
  },
  {
    organisation: "hearthly",
    product: {
      name: "Hearthly Thermostat T3",
      model: "T3 and T3-Pro",
      url: "https://hearthly.example.org/thermostat-t3",
      category: "Thermostat",
    },
    claims: [
      { module: "HW", level: "Bronze" },
      { module: "SW", level: "Bronze" },
    ],
    state: "listed",
    publishedDay: 4,
  },
  {
    organisation: "brightbulb",
    product: {
      name: "Glow Baby Monitor",
      model: "GBM-1",
      url: "https://brightbulb.example.org/products/glow-baby-monitor",
      category: "Baby monitor",
    },
    claims: [
      { module: "SW", level: "Bronze" },
      { module: "DATA", level: "Bronze" },
    ],
    state: "lapsed",
    publishedDay: 1,
    answers: {
      "Separate consent for optional data": {
        answer: "not_applicable",
        justification:
          "The monitor collects no optional data: picture and sound stay on the home network, and it sends no usage statistics at all.",
      },
    },
  },
  {
    organisation: "hearthly",
    product: {
      name: "Hearthly Door Lock",
      model: "L1",
      url: "https://hearthly.example.org/door-lock",
      category: "Door lock",
    },
    claims: [
      { module: "HW", level: "Bronze" },
      { module: "SW", level: "Bronze" },
      { module: "LEGAL", level: "Bronze" },
    ],
    state: "draft",
    publishedDay: 14,
  },
  // Listed here; the demo's challenges (seed-challenges.ts) strike it off after an appeal.
  {
    organisation: "brightbulb",
    product: {
      name: "Glow Indoor Camera",
      model: "GIC-1",
      url: "https://brightbulb.example.org/products/glow-indoor-camera",
      category: "Security camera",
    },
    claims: [
      { module: "SW", level: "Bronze" },
      { module: "DATA", level: "Bronze" },
    ],
    state: "listed",
    publishedDay: 3,
  },
];

type EvidencePlace = { folder: string; why: (product: string, title: string) => string };

const elsewhere: EvidencePlace = {
  folder: "docs",
  why: (product, title) => `The page linked here shows how the ${product} meets "${title}".`,
};

/** Where each module's evidence lives on a vendor's site, and how its answer is justified. */
const evidence: Record<string, EvidencePlace> = {
  ORG: {
    folder: "company",
    why: (product, title) =>
      `Our company page for the ${product} covers "${title}" and names the person who answers for it.`,
  },
  HW: {
    folder: "hardware",
    why: (product, title) =>
      `The ${product}'s design notes and the independent test report linked here show how the device meets "${title}".`,
  },
  SW: {
    folder: "security",
    why: (product, title) =>
      `The ${product}'s firmware notes and support policy, linked here, show how we meet "${title}" for every release.`,
  },
  LEGAL: {
    folder: "terms",
    why: (product, title) =>
      `The ${product}'s terms of sale say this in plain words ("${title}"), and have since launch.`,
  },
  DATA: {
    folder: "privacy",
    why: (product, title) =>
      `The ${product}'s privacy notice explains how we meet "${title}", and the app's settings match it.`,
  },
};

function answersFor(content: ReleaseContent, demo: DemoDeclaration, domain: string): Answer[] {
  const product = slugFromTitle(demo.product.name);
  return requiredClauses(content, demo.claims).map((clause: ReleaseClause) => {
    const special = demo.answers?.[clause.title];
    if (special) return { ref: clause.ref, ...special, evidence: [] };
    const place = evidence[clause.moduleCode] ?? elsewhere;
    const url = `https://${domain}/${place.folder}/${product}/${slugFromTitle(clause.title)}`;
    return {
      ref: clause.ref,
      answer: "met",
      justification: place.why(demo.product.name, clause.title),
      evidence: [url],
    };
  });
}

/** Adds the demo registry; the demo standard's releases must already be published. */
export async function seedDemoRegistry(
  db: Database,
  standardId: string,
  emailOf: (key: string) => string,
  now = new Date(),
): Promise<void> {
  const [release] = await db
    .select()
    .from(releases)
    .where(eq(releases.standardId, standardId))
    .orderBy(desc(releases.publishedAt))
    .limit(1);
  if (!release) throw new Error("the demo registry needs a published release");
  const content = release.content;
  const day = (days: number) => addDays(release.publishedAt, days);
  const terms = await markTermsOf(db, standardId);
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        demoOrganisations.map((o) => emailOf(o.representative)),
      ),
    );
  const personOf = (key: string) => {
    const person = people.find((row) => row.email === emailOf(key));
    if (!person) throw new Error(`demo person ${key} is missing`);
    return person.id;
  };

  await db.transaction(async (tx) => {
    const audits: AuditEntry[] = [];
    const registeredAt = day(-10);
    const orgRows = await tx
      .insert(organisations)
      .values(
        demoOrganisations.map((org) => ({
          slug: org.slug,
          name: org.name,
          country: org.country,
          website: `https://${org.domain}`,
          contact: `registry@${org.domain}`,
          verificationToken: `hum-demo-${org.slug}`,
          verifiedDomain: org.verified ? org.domain : null,
          verifiedAt: org.verified ? day(-9) : null,
          verifiedBy: org.verified ? "well_known" : null,
          createdBy: personOf(org.representative),
          createdAt: registeredAt,
        })),
      )
      .returning({ id: organisations.id, slug: organisations.slug });
    const orgId = (slug: string) => orgRows.find((row) => row.slug === slug)?.id ?? "";
    await tx.insert(representatives).values(
      demoOrganisations.map((org) => ({
        organisationId: orgId(org.slug),
        userId: personOf(org.representative),
        startsAt: registeredAt,
      })),
    );
    for (const org of demoOrganisations) {
      const actorId = personOf(org.representative);
      audits.push({
        at: registeredAt,
        actorId,
        action: "registry.organisation_registered",
        subjectType: "organisation",
        subjectId: org.slug,
        details: { name: org.name },
      });
      if (org.verified) {
        audits.push({
          at: day(-9),
          actorId,
          action: "registry.domain_verified",
          subjectType: "organisation",
          subjectId: org.slug,
          details: { domain: org.domain, method: "well_known" },
        });
      }
    }

    // Each declaration's versions, as publishing would freeze them.
    const planned = demoDeclarations.map((demo) => {
      const org = demoOrganisations.find((o) => o.slug === demo.organisation);
      if (!org) throw new Error(`demo organisation ${demo.organisation} is missing`);
      const working: DeclarationBody = {
        standard: content.standard.slug,
        release: { version: release.version, digest: release.digest },
        product: demo.product,
        claims: demo.claims,
        answers: answersFor(content, demo, org.domain),
      };
      const bodies: { body: DeclarationBody; at: Date }[] = [];
      if (demo.state !== "draft") {
        const first = publishedBody(content, working);
        bodies.push({ body: first, at: day(demo.publishedDay) });
        if (demo.revised) {
          const { title, path } = demo.revised;
          const ref = content.clauses.find((clause) => clause.title === title)?.ref;
          const extra = `https://${org.domain}/${path}`;
          const revised = publishedBody(content, {
            ...working,
            answers: working.answers.map((a) =>
              a.ref === ref ? { ...a, evidence: [...a.evidence, extra] } : a,
            ),
          });
          bodies.push({ body: revised, at: day(demo.revised.day) });
        }
      }
      const listedAt = bodies[0]?.at ?? null;
      const expiresAt = !listedAt
        ? null
        : demo.state === "lapsed"
          ? addDays(now, -2)
          : addMonths(listedAt, terms.listingTermMonths);
      return { demo, org, working, bodies, listedAt, expiresAt };
    });

    const rows = await tx
      .insert(declarations)
      .values(
        planned.map(({ demo, org, working, bodies, listedAt, expiresAt }) => {
          const latest = bodies.at(-1);
          const createdAt = addDays(listedAt ?? day(demo.publishedDay), -1);
          return {
            organisationId: orgId(org.slug),
            standardId,
            state: demo.state,
            stateReason: demo.state === "lapsed" ? "term_ended" : null,
            stateChangedAt: demo.state === "lapsed" ? (expiresAt ?? now) : (listedAt ?? createdAt),
            working: latest?.body ?? working,
            releaseId: latest ? release.id : null,
            productName: latest ? demo.product.name : null,
            claims: latest ? latest.body.claims : null,
            latestVersion: bodies.length,
            listedAt,
            expiresAt,
            createdBy: personOf(org.representative),
            createdAt,
            updatedAt: latest?.at ?? createdAt,
          };
        }),
      )
      .returning({ id: declarations.id, number: declarations.number });

    const versions = planned.flatMap((plan, index) =>
      plan.bodies.map(({ body, at }, step) => ({
        declarationId: rows[index]?.id ?? "",
        version: step + 1,
        releaseId: release.id,
        body,
        digest: declarationDigest(body),
        kind: "published",
        publishedBy: personOf(plan.org.representative),
        publishedAt: at,
      })),
    );
    if (versions.length > 0) await tx.insert(declarationVersions).values(versions);

    const cited = planned.flatMap((plan, index) =>
      (plan.bodies.at(-1)?.body.answers ?? []).flatMap((answer) =>
        answer.evidence.map((url) => ({
          declarationId: rows[index]?.id ?? "",
          ref: answer.ref,
          url,
        })),
      ),
    );
    if (cited.length > 0) {
      await tx.insert(declarationEvidence).values(cited);
      const urls = [...new Set(cited.map((row) => row.url))];
      await tx
        .insert(evidenceLinks)
        .values(
          urls.map((url, index) => ({
            url,
            host: new URL(url).host,
            state: "ok" as const,
            status: 200,
            finalUrl: url,
            checkedAt: addDays(now, -1 + index / (urls.length * 2)),
            changedAt: addDays(now, -3),
            nextCheckAt: addDays(now, 6),
          })),
        )
        .onConflictDoNothing();
    }

    for (const [index, plan] of planned.entries()) {
      const number = rows[index]?.number;
      if (number === undefined || !plan.listedAt) continue;
      const subject = {
        subjectType: "declaration" as const,
        subjectId: declarationSubjectId(number),
      };
      const actorId = personOf(plan.org.representative);
      for (const [step, { body, at }] of plan.bodies.entries()) {
        audits.push({
          ...subject,
          at,
          actorId,
          action: "registry.declaration_published",
          details: {
            version: step + 1,
            product: plan.demo.product.name,
            digest: declarationDigest(body),
          },
        });
        if (step === 0) {
          audits.push({
            ...subject,
            at,
            actorId: null,
            action: "registry.declaration_listed",
            details: { expires: plan.expiresAt?.toISOString().slice(0, 10) ?? null },
          });
        }
      }
      if (plan.demo.state === "lapsed" && plan.expiresAt) {
        audits.push({
          ...subject,
          at: plan.expiresAt,
          actorId: null,
          action: "registry.declaration_lapsed",
        });
      }
    }
    await recordAudits(tx, audits);
  });
}
