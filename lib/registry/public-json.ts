import "server-only";
import type { Executor } from "@/lib/db/client";
import { publishedVersions } from "@/lib/registry/queries-declaration";
import { canonicalJson } from "@/lib/releases/content";

/**
 * A declaration's canonical JSON: its standing and every published version with its body, in
 * the canonical form the digests are computed over, so anyone can check each version's digest.
 */
export async function declarationJson(db: Executor, number: number): Promise<string | null> {
  const found = await publishedVersions(db, number);
  if (!found) return null;
  const { head, versions } = found;
  return canonicalJson({
    number: head.number,
    organisation: head.organisation,
    standard: head.standard,
    state: head.state,
    stateReason: head.stateReason,
    stateNote: head.stateNote,
    listedAt: head.listedAt?.toISOString() ?? null,
    expiresAt: head.expiresAt?.toISOString() ?? null,
    versions: versions.map((version) => ({
      version: version.version,
      kind: version.kind,
      publishedAt: version.publishedAt.toISOString(),
      digest: version.digest,
      body: version.body,
    })),
  });
}

/** A declaration number as an address segment carries it, or null. */
export function declarationNumber(segment: string): number | null {
  return /^[1-9]\d{0,8}$/.test(segment) ? Number(segment) : null;
}
