import { and, eq } from "drizzle-orm";
import { type Participant, requireSecretariat } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { prepareRelease } from "@/lib/decisions/release-calls";
import { calls } from "@/lib/decisions/schema";
import { markdownToRichText } from "@/lib/drafting/markdown/text";
import { clauseRevisions, clauses, standards } from "@/lib/drafting/schema";
import { importStandard } from "@/lib/drafting/transfer";
import {
  type Answer,
  type Claim,
  type DeclarationBody,
  type DeclarationState,
  declarationDigest,
  publishedBody,
  requiredClauses,
} from "@/lib/registry/rules";
import { declarations, declarationVersions, organisations } from "@/lib/registry/schema";
import { requireReleaseManager } from "@/lib/releases/authz";
import type { ReleaseContent } from "@/lib/releases/content";
import { publishCandidate } from "@/lib/releases/publish";
import { releases } from "@/lib/releases/schema";

/*
 * Builders for the public registry's tests and specs: a standard of its own published as 1.0.0,
 * and declarations written straight into the tables, as the registry's mutations would leave them.
 */

export type TestRelease = {
  id: string;
  standardId: string;
  slug: string;
  version: string;
  digest: string;
  content: ReleaseContent;
};

/**
 * A standard with modules SW and HW and levels Bronze and Silver; each module has `perModule`
 * clauses, the first half required at Bronze, the rest at Silver, MUST and SHOULD in turn.
 */
export async function publishedRegistryStandard(
  db: Database,
  secretary: Participant,
  perModule = 4,
): Promise<TestRelease> {
  const slug = `mark-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  const text = (words: string) => markdownToRichText(words);
  const clauseDocs = ["SW", "HW"].flatMap((moduleCode) =>
    Array.from({ length: perModule }, (_, index) => ({
      ref: `${moduleCode}-${index + 1}`,
      moduleCode,
      title: `${moduleCode === "SW" ? "Software" : "Hardware"} promise ${index + 1}`,
      level: index < perModule / 2 ? "Bronze" : "Silver",
      strength: index % 2 === 0 ? ("MUST" as const) : ("SHOULD" as const),
      retired: false,
      body: text(`The product MUST keep promise ${index + 1}.`),
      assessment: text("A public page that shows it."),
      examples: text(""),
    })),
  );
  await importStandard(db, await requireSecretariat(db, secretary, "import_standard"), {
    slug,
    name: "Test mark",
    summary: "",
    modules: [
      { code: "SW", name: "Software", summary: "" },
      { code: "HW", name: "Hardware", summary: "" },
    ],
    levels: [
      { name: "Bronze", summary: "" },
      { name: "Silver", summary: "" },
    ],
    clauses: clauseDocs,
  });
  const [standard] = await db.select().from(standards).where(eq(standards.slug, slug));
  if (!standard) throw new Error("not imported");
  for (const row of await db.select().from(clauses).where(eq(clauses.standardId, standard.id))) {
    const [revision] = await db
      .select()
      .from(clauseRevisions)
      .where(and(eq(clauseRevisions.clauseId, row.id), eq(clauseRevisions.number, 1)));
    await db.update(clauses).set({ adoptedRevisionId: revision?.id }).where(eq(clauses.id, row.id));
  }
  const manager = await requireReleaseManager(db, secretary);
  const { callNumber } = await prepareRelease(db, manager, standard.id, {
    version: "1.0.0",
    notes: "",
  });
  const [call] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.standardId, standard.id), eq(calls.number, callNumber)));
  if (!call) throw new Error("no release call");
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.update(calls).set({ phase: "adopted", closedAt: now }).where(eq(calls.id, call.id));
    await publishCandidate(
      tx,
      { id: call.id, number: call.number, slug, releaseId: call.releaseId },
      now,
    );
  });
  const [release] = await db.select().from(releases).where(eq(releases.standardId, standard.id));
  if (!release) throw new Error("not published");
  return {
    id: release.id,
    standardId: standard.id,
    slug,
    version: release.version,
    digest: release.digest,
    content: release.content,
  };
}

let organisationCounter = 0;

export async function insertOrganisation(
  db: Database,
  createdBy: string,
  values: { name: string; country?: string; verifiedDomain?: string | null },
) {
  organisationCounter += 1;
  const [row] = await db
    .insert(organisations)
    .values({
      slug: `org-${Date.now().toString(36)}-${organisationCounter}`,
      name: values.name,
      country: values.country ?? "FR",
      website: "https://example.org",
      contact: "https://example.org/contact",
      verificationToken: `token-${organisationCounter}`,
      verifiedDomain: values.verifiedDomain ?? null,
      verifiedAt: values.verifiedDomain ? new Date() : null,
      createdBy,
    })
    .returning();
  if (!row) throw new Error("no organisation");
  return row;
}

/** Every required clause answered: MUST ones met with evidence, SHOULD ones in turn otherwise. */
export function answersFor(release: TestRelease, claims: Claim[], note = "shown"): Answer[] {
  return requiredClauses(release.content, claims).map((clause, index) =>
    clause.strength === "MUST" || index % 3 === 0
      ? {
          ref: clause.ref,
          answer: "met",
          justification: `We ${note} ${clause.ref} on our site.`,
          evidence: [`https://evidence.example/${clause.ref.toLowerCase()}`],
        }
      : {
          ref: clause.ref,
          answer: index % 3 === 1 ? "not_applicable" : "not_met",
          justification: `No ${clause.ref} here: ${note}.`,
          evidence: [],
        },
  );
}

export function bodyFor(
  release: TestRelease,
  product: string,
  claims: Claim[],
  answers = answersFor(release, claims),
): DeclarationBody {
  return publishedBody(release.content, {
    standard: release.slug,
    release: { version: release.version, digest: release.digest },
    product: {
      name: product,
      model: "M-1",
      url: "https://example.org/product",
      category: "Camera",
    },
    claims,
    answers,
  });
}

/**
 * A declaration as the mutations would leave it: its versions (none for a draft), and its head
 * row carrying the latest version's product name and claims.
 */
export async function insertDeclaration(
  db: Database,
  release: TestRelease,
  options: {
    organisationId: string;
    createdBy: string;
    bodies: DeclarationBody[];
    state?: DeclarationState;
    listedAt?: Date;
    stateReason?: string | null;
  },
) {
  const latest = options.bodies.at(-1);
  const listedAt = options.listedAt ?? new Date();
  const state = options.state ?? (latest ? "listed" : "draft");
  const [row] = await db
    .insert(declarations)
    .values({
      organisationId: options.organisationId,
      standardId: release.standardId,
      state,
      stateReason: options.stateReason ?? null,
      stateChangedAt: listedAt,
      working: latest ?? bodyFor(release, "Draft product", [{ module: "SW", level: "Bronze" }]),
      releaseId: latest ? release.id : null,
      productName: latest?.product.name ?? null,
      claims: latest?.claims ?? null,
      latestVersion: options.bodies.length,
      listedAt: latest ? listedAt : null,
      expiresAt: latest ? new Date(listedAt.getTime() + 365 * 86_400_000) : null,
      createdBy: options.createdBy,
      createdAt: listedAt,
      updatedAt: listedAt,
    })
    .returning();
  if (!row) throw new Error("no declaration");
  for (const [index, body] of options.bodies.entries()) {
    await db.insert(declarationVersions).values({
      declarationId: row.id,
      version: index + 1,
      releaseId: release.id,
      body,
      digest: declarationDigest(body),
      kind: index > 0 && options.bodies[index - 1] === body ? "reaffirmed" : "published",
      publishedBy: options.createdBy,
      publishedAt: new Date(listedAt.getTime() + index * 60_000),
    });
  }
  return row;
}
