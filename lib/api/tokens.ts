import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import { apiTokens } from "@/lib/api/schema";
import type { Participant } from "@/lib/community/authz";
import { requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import type { Database } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

/*
 * Personal access tokens. A token stands for its owner, within its scopes: with it a program
 * goes through the same lib/ mutations and authorization as the owner's browser would.
 */

export const scopes = ["read", "comment", "position", "declare"] as const;
export type Scope = (typeof scopes)[number];

export const TOKEN_PREFIX = "hum_";
export const MAX_TOKEN_DAYS = 366;
/** The lifetimes the profile offers. */
export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;
/** A token's name is written into the public log beside what it did, so it is a label, not prose. */
export const tokenName = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}$/u, "invalid");

export type ApiToken = { id: string; name: string; scopes: Scope[]; expiresAt: Date };
export type ApiCaller = { participant: Participant; token: ApiToken };

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Makes a token for its owner. The token is returned this once and never again: only its hash
 * is kept.
 */
export async function createToken(
  db: Database,
  owner: Participant,
  input: { name: string; scopes: Scope[]; expiresInDays: number },
  now = new Date(),
): Promise<{ id: string; token: string }> {
  const name = tokenName.safeParse(input.name);
  if (!name.success) throw new DomainError("invalid_input", { name: "invalid" });
  const chosen = [...new Set(input.scopes)].filter((scope) => scopes.includes(scope));
  if (chosen.length === 0) throw new DomainError("invalid_input", { scopes: "required" });
  const days = input.expiresInDays;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
    throw new DomainError("invalid_input", { expiresInDays: "date_out_of_range" });
  }
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId: owner.id,
      name: name.data,
      scopes: chosen,
      tokenHash: hashToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      createdAt: now,
      expiresAt: new Date(now.getTime() + days * 86_400_000),
    })
    .returning({ id: apiTokens.id });
  if (!row) throw new DomainError("internal");
  return { id: row.id, token };
}

/** The owner's tokens, newest first, with what a list shows of them (never the token). */
export async function listTokens(db: Database, owner: Participant) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, owner.id))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the owner's own tokens, and says which; someone else's is not found. */
export async function revokeToken(
  db: Database,
  owner: Participant,
  tokenId: string,
  now = new Date(),
): Promise<{ name: string }> {
  const [revoked] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(
      and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, owner.id), isNull(apiTokens.revokedAt)),
    )
    .returning({ name: apiTokens.name });
  if (!revoked) throw new DomainError("not_found");
  return revoked;
}

export type TokenCheck =
  | { ok: true; caller: ApiCaller }
  | { ok: false; reason: "invalid" | "expired" | "revoked" };

/** Last use is written at most once a minute per token, not on every request. */
const LAST_USE_PRECISION_MS = 60_000;

/** The person and token behind `Authorization: Bearer hum_…`, or why there is none. */
export async function authenticateToken(
  db: Database,
  authorization: string,
  now = new Date(),
): Promise<TokenCheck> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const token = match?.[1];
  if (!token?.startsWith(TOKEN_PREFIX) || token.length > 100) {
    return { ok: false, reason: "invalid" };
  }
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return { ok: false, reason: "invalid" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt <= now) return { ok: false, reason: "expired" };
  const viewer = await loadViewer(db, row.userId);
  if (!viewer) return { ok: false, reason: "invalid" };
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(
          isNull(apiTokens.lastUsedAt),
          lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USE_PRECISION_MS)),
        ),
      ),
    );
  return {
    ok: true,
    caller: {
      participant: requireParticipant(viewer),
      token: {
        id: row.id,
        name: row.name,
        scopes: row.scopes as Scope[],
        expiresAt: row.expiresAt,
      },
    },
  };
}
