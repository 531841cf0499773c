import "server-only";
import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import {
  answerKindSchema,
  declarationState,
  numberParam,
  workingCopySchema,
} from "@/lib/api/endpoints/registry-shapes";
import { ApiProblem } from "@/lib/api/problem";
import { iso, pageUrl, refParam, timestamp } from "@/lib/api/values";
import type { Participant } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { declarationPath } from "@/lib/paths";
import type { Representative } from "@/lib/registry/authz";
import { requireDeclarationRepresentative } from "@/lib/registry/declaration-rows";
import { saveDeclaration, withdrawDeclaration } from "@/lib/registry/declarations";
import { publishDeclaration, reaffirmDeclaration } from "@/lib/registry/publish";
import {
  answerProblems,
  claimProblems,
  MAX_EVIDENCE_PER_ANSWER,
  MAX_JUSTIFICATION,
} from "@/lib/registry/rules";
import { getWorkingCopy } from "@/lib/registry/working-copy";

/*
 * A representative keeping their organisation's declarations up to date through a token with
 * the `declare` scope: the same mutations, with the same proof of representation, as the
 * declaration's edit page. The working copy stays private until it is published; publishing,
 * reaffirming and withdrawing are on the public record, with the token's name.
 */

const number = z.object({ number: numberParam });

/** The working copy after a change, with what still keeps it from publication. */
async function workingCopyOf(db: Database, declaration: number, origin: string) {
  const copy = await getWorkingCopy(db, declaration);
  if (!copy) throw new ApiProblem("not_found");
  const { working } = copy.declaration;
  const problems = copy.content
    ? {
        ...claimProblems(copy.content, working.claims),
        ...answerProblems(copy.required, working.answers),
      }
    : { release: "release_withdrawn" };
  return {
    number: copy.declaration.number,
    state: copy.declaration.state,
    latestVersion: copy.declaration.latestVersion,
    release: working.release.version,
    newerRelease: copy.newer,
    product: working.product,
    claims: working.claims,
    answers: working.answers,
    required: copy.required.map((clause) => ({
      ref: clause.ref,
      title: clause.title,
      strength: clause.strength,
      answered: copy.answers.has(clause.ref),
    })),
    problems: Object.entries(problems).map(([name, reason]) => ({ name, reason })),
    url: `${origin}${declarationPath(copy.declaration.number)}/edit`,
  };
}

/** The caller, proven a representative of the declaration's organisation, as the form does. */
function representativeOf(
  db: Database,
  caller: { participant: Participant } | null,
  declaration: number,
  attempted: string,
  now: Date,
): Promise<Representative> {
  return requireDeclarationRepresentative(
    db,
    caller?.participant ?? null,
    declaration,
    attempted,
    now,
  );
}

const answerBody = z.object({
  answer: answerKindSchema,
  justification: z
    .string()
    .max(MAX_JUSTIFICATION)
    .describe("Why the answer holds; required before publication."),
  evidence: z
    .array(z.url())
    .max(MAX_EVIDENCE_PER_ANSWER)
    .default([])
    .describe("Public http(s) pages that show it; at least one when met."),
});

const putAnswer = defineEndpoint({
  method: "PUT",
  path: "/declarations/{number}/working-copy/answers/{ref}",
  operationId: "putDeclarationAnswer",
  summary: "Answer one clause in the working copy",
  description:
    "Sets the working copy's answer to one clause of its release; the other answers are kept. Nothing is public until the working copy is published.",
  group: "Registry",
  scope: "declare",
  params: z.object({ number: numberParam, ref: refParam }),
  body: answerBody,
  response: workingCopySchema,
  example: {
    path: "/declarations/4/working-copy/answers/LEGAL-1",
    body: {
      answer: "met",
      justification:
        "The door lock's terms of sale say this in plain words, and have since launch.",
      evidence: ["https://hearthly.example.org/terms/hearthly-door-lock/support-period"],
    },
  },
  handle: async ({ db, params, body, caller, now, origin }) => {
    const rep = await representativeOf(db, caller, params.number, "registry.edit_declaration", now);
    const copy = await getWorkingCopy(db, params.number);
    if (!copy) throw new ApiProblem("not_found");
    const { working } = copy.declaration;
    if (!copy.content?.clauses.some((clause) => clause.ref === params.ref)) {
      throw new ApiProblem(
        "not_found",
        `Release ${working.release.version} has no clause ${params.ref}.`,
      );
    }
    await saveDeclaration(
      db,
      rep,
      params.number,
      {
        release: working.release.version,
        product: working.product,
        claims: working.claims,
        answers: [{ ref: params.ref, ...body }],
      },
      now,
    );
    return workingCopyOf(db, params.number, origin);
  },
});

const putWorkingCopy = defineEndpoint({
  method: "PUT",
  path: "/declarations/{number}/working-copy",
  operationId: "putDeclarationWorkingCopy",
  summary: "Set the working copy's release, product and claims",
  description:
    "Replaces the product, the release answered and the level claimed per module; the answers are kept, except those to clauses the release does not have.",
  group: "Registry",
  scope: "declare",
  params: number,
  body: z.object({
    release: z.string().max(20).describe("A published release of the declaration's standard."),
    product: z.object({
      name: z.string().max(120),
      model: z.string().max(120).default(""),
      url: z.url().max(500),
      category: z.string().max(80).default(""),
    }),
    claims: z.array(z.object({ module: z.string().max(20), level: z.string().max(40) })).max(50),
  }),
  response: workingCopySchema,
  example: {
    path: "/declarations/4/working-copy",
    body: {
      release: "1.1.0",
      product: {
        name: "Hearthly Door Lock",
        model: "L1 and L1-Pro",
        url: "https://hearthly.example.org/door-lock",
        category: "Door lock",
      },
      claims: [
        { module: "HW", level: "Bronze" },
        { module: "SW", level: "Bronze" },
        { module: "LEGAL", level: "Bronze" },
      ],
    },
  },
  handle: async ({ db, params, body, caller, now, origin }) => {
    const rep = await representativeOf(db, caller, params.number, "registry.edit_declaration", now);
    await saveDeclaration(db, rep, params.number, { ...body, answers: [] }, now);
    return workingCopyOf(db, params.number, origin);
  },
});

const versionAnswer = z.object({
  number: z.number().int(),
  version: z.number().int().describe("The version just published."),
  state: declarationState,
  expiresAt: timestamp.nullable().describe("When the listing's term ends."),
  url: pageUrl,
});

async function standingAfter(
  db: Database,
  declaration: number,
  version: number,
  origin: string,
): Promise<z.input<typeof versionAnswer>> {
  const copy = await getWorkingCopy(db, declaration);
  if (!copy) throw new ApiProblem("not_found");
  return {
    number: declaration,
    version,
    state: copy.declaration.state,
    expiresAt: iso(copy.declaration.expiresAt),
    url: `${origin}${declarationPath(declaration, version)}`,
  };
}

/**
 * A POST that freezes the working copy as the declaration's next version, the way `freeze` does
 * (publishing it, or reaffirming the listing with it), and answers with where the declaration
 * then stands. Both are on the public record, so both ask for the same proof of representation.
 */
function versionEndpoint(definition: {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  examplePath: string;
  /** The attempt named in the refusal's log when the caller is not a representative. */
  attempted: string;
  freeze: (
    db: Database,
    rep: Representative,
    declaration: number,
    now: Date,
  ) => Promise<{ version: number }>;
}): Endpoint {
  const { examplePath, attempted, freeze, ...described } = definition;
  return defineEndpoint({
    method: "POST",
    ...described,
    group: "Registry",
    scope: "declare",
    status: 201,
    params: number,
    response: versionAnswer,
    example: { path: examplePath },
    handle: async ({ db, params, caller, now, origin }) => {
      const rep = await representativeOf(db, caller, params.number, attempted, now);
      const { version } = await freeze(db, rep, params.number, now);
      return standingAfter(db, params.number, version, origin);
    },
  });
}

const publish = versionEndpoint({
  path: "/declarations/{number}/publications",
  operationId: "publishDeclaration",
  summary: "Publish the working copy",
  description:
    "Freezes the complete working copy as the next immutable version. It is listed at once, or waits for the advisory group where the charter asks for a review. Answers identical to the latest version are refused: that is a reaffirmation. Problems name the fields at fault (`answers.SW-1.evidence`).",
  examplePath: "/declarations/4/publications",
  attempted: "registry.publish_declaration",
  freeze: publishDeclaration,
});

const reaffirm = versionEndpoint({
  path: "/declarations/{number}/reaffirmations",
  operationId: "reaffirmDeclaration",
  summary: "Reaffirm a listing for a new term",
  description:
    "Renews a listed or lapsed declaration for a new term, as the next version, with the working copy's answers (changed or not).",
  examplePath: "/declarations/3/reaffirmations",
  attempted: "registry.reaffirm_declaration",
  freeze: reaffirmDeclaration,
});

const withdraw = defineEndpoint({
  method: "POST",
  path: "/declarations/{number}/withdrawal",
  operationId: "withdrawDeclaration",
  summary: "Withdraw a declaration for good",
  description:
    "Takes a published declaration off the registry, with a public note. It cannot be undone, and a challenged listing is withdrawn only as the answer to its challenge.",
  group: "Registry",
  scope: "declare",
  params: number,
  body: z.object({ note: z.string().max(2000).describe("Why, in the organisation's words.") }),
  response: z.object({ number: z.number().int(), state: declarationState, url: pageUrl }),
  example: {
    path: "/declarations/2/withdrawal",
    body: { note: "The Thermostat T3 is no longer sold; its successor will be declared anew." },
  },
  handle: async ({ db, params, body, caller, now, origin }) => {
    const rep = await representativeOf(
      db,
      caller,
      params.number,
      "registry.withdraw_declaration",
      now,
    );
    await withdrawDeclaration(db, rep, params.number, body.note, now);
    return {
      number: params.number,
      state: "withdrawn" as const,
      url: `${origin}${declarationPath(params.number)}`,
    };
  },
});

/** What a representative's token with the `declare` scope may do. */
export const declareEndpoints: Endpoint[] = [
  putWorkingCopy,
  putAnswer,
  publish,
  reaffirm,
  withdraw,
];
