import { z } from "zod";
import { pageUrl, timestamp } from "@/lib/api/values";

/*
 * The registry's shapes, shared by its reads and the declare writes. The canonical JSON's
 * objects list their keys in sorted order, as the canonical form writes them, so the API's
 * answer is byte for byte the `/registry/{number}.json` export.
 */

export const numberParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(2_147_483_647)
  .describe("A declaration's number, as in its address: `/registry/1`.");

export const organisationSlugParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
  .describe("An organisation's slug, as in its address: `brightbulb`.");

export const declarationStates = [
  "draft",
  "pending_review",
  "listed",
  "lapsed",
  "withdrawn",
  "struck_off",
] as const;

export const declarationState = z
  .enum(declarationStates)
  .describe(
    "listed: on the registry for its term; pending_review: waiting for the advisory group; lapsed: its term or its release's transition ended; withdrawn: by its organisation; struck_off: after a challenge.",
  );

export const claimSchema = z
  .object({ level: z.string(), module: z.string() })
  .describe("The level claimed for one module in scope, by the module's code.");

export const answerKindSchema = z
  .enum(["met", "not_applicable", "not_met"])
  .describe("not_met only for a clause that is not a MUST.");

export const productSchema = z.object({
  category: z.string(),
  model: z.string(),
  name: z.string(),
  url: z.string(),
});

export const answerSchema = z.object({
  answer: answerKindSchema,
  evidence: z.array(z.string()).describe("Public http(s) pages that show it; only when met."),
  justification: z.string(),
  ref: z.string().describe("The clause's stable reference."),
});

/** What a declaration says: as its representatives edit it, and as each version freezes it. */
export const declarationBodySchema = z.object({
  answers: z.array(answerSchema),
  claims: z.array(claimSchema),
  product: productSchema,
  release: z.object({
    digest: z.string().describe("SHA-256 of the release's canonical JSON."),
    version: z.string(),
  }),
  standard: z.string().describe("The standard's slug."),
});

/** `/registry/{number}.json`: lib/registry/public-json.ts writes it. */
export const declarationJsonSchema = z
  .object({
    expiresAt: timestamp.nullable().describe("When the current term ends."),
    listedAt: timestamp.nullable(),
    number: z.number().int(),
    organisation: z.object({
      country: z.string().describe("ISO 3166-1 alpha-2."),
      name: z.string(),
      slug: z.string(),
      verifiedDomain: z.string().nullable().describe("The web domain it proved, if any."),
    }),
    standard: z.object({ name: z.string(), slug: z.string() }),
    state: declarationState,
    stateNote: z.string().nullable().describe("The organisation's own words on withdrawing."),
    stateReason: z.string().nullable().describe("Why it left the listing, as a key."),
    versions: z
      .array(
        z.object({
          body: declarationBodySchema,
          digest: z
            .string()
            .describe("SHA-256 (hex) of `body` in canonical JSON (RFC 8785), to check it by."),
          kind: z.enum(["published", "reaffirmed"]),
          publishedAt: timestamp,
          version: z.number().int(),
        }),
      )
      .describe("Every published version, oldest first, each exactly as published."),
  })
  .describe("A declaration's canonical public record, as its `.json` export.");

/** What the declare writes answer with: the working copy, private to representatives. */
export const workingCopySchema = z
  .object({
    number: z.number().int(),
    state: declarationState,
    latestVersion: z.number().int().describe("The latest published version; 0 for a draft."),
    release: z.string().describe("The release the working copy answers."),
    newerRelease: z.string().nullable().describe("A newer release it could answer instead."),
    product: z.object({
      name: z.string(),
      model: z.string(),
      url: z.string(),
      category: z.string(),
    }),
    claims: z.array(claimSchema),
    answers: z.array(
      z.object({
        ref: z.string(),
        answer: answerKindSchema,
        justification: z.string(),
        evidence: z.array(z.string()),
      }),
    ),
    required: z
      .array(
        z.object({
          ref: z.string(),
          title: z.string(),
          strength: z.string(),
          answered: z.boolean(),
        }),
      )
      .describe("The clauses the claims require, in release order."),
    problems: z
      .array(z.object({ name: z.string(), reason: z.string() }))
      .describe("What keeps the working copy from being published, by field; empty when ready."),
    url: pageUrl,
  })
  .describe("A declaration's working copy, as its representatives see it.");
