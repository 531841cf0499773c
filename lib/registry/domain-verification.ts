import "server-only";
import { resolveTxt } from "node:dns/promises";
import { isIP } from "node:net";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Viewer } from "@/lib/community/viewer";
import type { Database, Executor } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { fetchOutbound, type Resolver } from "@/lib/http/outbound";
import type { Representative } from "@/lib/registry/authz";
import { representativeOf } from "@/lib/registry/organisations";
import { organisations } from "@/lib/registry/schema";

/** Where an organisation publishes its token on its own website. */
export const WELL_KNOWN_PATH = "/.well-known/hum-verification.txt";
/** The DNS name whose TXT record may carry the token instead. */
export const DNS_LABEL = "_hum-verification";

export type VerificationMethod = "well_known" | "dns";

export type DomainVerificationOptions = {
  /** How the fetcher resolves host names (tests). */
  resolve?: Resolver;
  /** How TXT records are read; where the deployment cannot resolve them, it just fails. */
  resolveTxt?: (name: string) => Promise<string[][]>;
  timeoutMs?: number;
};

/** What a representative is told to publish, and where; null host when the website is unusable. */
export type DomainInstructions = {
  host: string | null;
  fileUrl: string | null;
  dnsName: string | null;
  token: string;
};

function websiteOf(website: string): URL | null {
  try {
    const url = new URL(website);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

export function domainInstructions(organisation: {
  website: string;
  verificationToken: string;
}): DomainInstructions {
  const url = websiteOf(organisation.website);
  const host = url?.hostname.toLowerCase() ?? null;
  return {
    host,
    fileUrl: url ? `${url.origin}${WELL_KNOWN_PATH}` : null,
    dnsName: host && isIP(host.replace(/^\[|\]$/g, "")) === 0 ? `${DNS_LABEL}.${host}` : null,
    token: organisation.verificationToken,
  };
}

/** The token stands on its own in the file: a word of it, not part of a longer one. */
function carriesToken(text: string, token: string): boolean {
  return text.split(/\s+/).some((word) => word === token);
}

async function foundInFile(
  fileUrl: string,
  host: string,
  token: string,
  options: DomainVerificationOptions,
): Promise<boolean> {
  const result = await fetchOutbound(fileUrl, {
    resolve: options.resolve,
    timeoutMs: options.timeoutMs,
  });
  if (!result.ok || result.status < 200 || result.status > 299) return false;
  // A redirect off the host would let anyone's file prove someone else's domain.
  if (new URL(result.finalUrl).hostname.toLowerCase() !== host) return false;
  return carriesToken(result.body.toString("utf8"), token);
}

async function foundInDns(
  dnsName: string,
  token: string,
  options: DomainVerificationOptions,
): Promise<boolean> {
  try {
    const records = await (options.resolveTxt ?? resolveTxt)(dnsName);
    return records.some((chunks) => carriesToken(chunks.join(""), token));
  } catch {
    return false;
  }
}

async function loadOrganisation(db: Executor, organisationId: string) {
  const [organisation] = await db
    .select()
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!organisation) throw new DomainError("not_found");
  return organisation;
}

/**
 * Looks for the organisation's token on its website's host (the well-known file first, then a
 * DNS TXT record) and, when found, marks the organisation verified for that host, on the record.
 * Nothing is written when it is not found. The requests happen before the transaction, so a slow
 * website never holds a database connection.
 */
export async function verifyDomain(
  db: Database,
  representative: Representative,
  now = new Date(),
  options: DomainVerificationOptions = {},
): Promise<{ domain: string; method: VerificationMethod }> {
  const organisation = await loadOrganisation(db, representative.organisationId);
  const { host, fileUrl, dnsName, token } = domainInstructions(organisation);
  const failed = () => new DomainError("invalid_input", { domain: "verification_failed" });
  if (!host || !fileUrl) throw failed();
  let method: VerificationMethod | null = null;
  if (await foundInFile(fileUrl, host, token, options)) method = "well_known";
  else if (dnsName && (await foundInDns(dnsName, token, options))) method = "dns";
  if (!method) throw failed();
  const verified = method;
  await db.transaction(async (tx) => {
    await tx
      .update(organisations)
      // verifiedBy says how (the schema's "and how"); who is in the audit entry.
      .set({ verifiedDomain: host, verifiedAt: now, verifiedBy: verified })
      .where(eq(organisations.id, organisation.id));
    await recordAudit(tx, {
      actorId: representative.id,
      action: "registry.domain_verified",
      subjectType: "organisation",
      subjectId: organisation.slug,
      details: { domain: host, method: verified, name: organisation.name },
      at: now,
    });
  });
  return { domain: host, method: verified };
}

/** What the domain page and its action start from: the viewer must represent the organisation. */
export async function verifyOrganisationDomain(
  db: Database,
  viewer: Viewer | null,
  slug: string,
  now = new Date(),
  options: DomainVerificationOptions = {},
): Promise<{ domain: string; method: VerificationMethod }> {
  const representative = await representativeOf(db, viewer, slug, "registry.verify_domain", now);
  return verifyDomain(db, representative, now, options);
}
