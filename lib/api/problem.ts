import { z } from "zod";
import { type ErrorCode, refusalCodes } from "@/lib/errors";

/*
 * Errors as RFC 9457 problem details. Each kind of problem has a stable `type` URI on the API's
 * reference page, a status and a title; `errors` names the parameters or fields at fault.
 */

export const problemKinds = {
  bad_parameter: { status: 400, title: "A parameter is not valid" },
  unknown_parameter: { status: 400, title: "A parameter is not known" },
  invalid_body: { status: 400, title: "The request body is not valid" },
  unauthenticated: { status: 401, title: "A valid token is required" },
  token_expired: { status: 401, title: "The token has expired" },
  token_revoked: { status: 401, title: "The token was revoked" },
  forbidden: { status: 403, title: "Not allowed" },
  insufficient_scope: { status: 403, title: "The token does not have the scope this needs" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  refused: { status: 409, title: "Refused by the rules" },
  conflict: { status: 409, title: "Conflict" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Something went wrong on our side" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof problemKinds;

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    /** The rule that refused it, for a `refused` problem: one of Hum's error codes. */
    code: z.string().optional(),
    errors: z
      .array(z.object({ name: z.string(), reason: z.string() }))
      .optional()
      .describe("The parameters or fields at fault, each with what is wrong with it."),
  })
  .describe("A problem, as RFC 9457 describes them.");

export type Problem = z.infer<typeof problemSchema>;

/** Thrown anywhere below a route; the router answers with it. */
export class ApiProblem extends Error {
  readonly status: number;
  constructor(
    readonly kind: ProblemKind,
    readonly detail?: string,
    readonly errors?: { name: string; reason: string }[],
    /** Seconds to wait, for `rate_limited`. */
    readonly retryAfterSeconds?: number,
    readonly code?: string,
  ) {
    super(detail ?? kind);
    this.status = problemKinds[kind].status;
  }
}

export function problemBody(problem: ApiProblem, referenceUrl: string): Problem {
  return {
    type: `${referenceUrl}#problem-${problem.kind.replaceAll("_", "-")}`,
    title: problemKinds[problem.kind].title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...(problem.code ? { code: problem.code } : {}),
    ...(problem.errors?.length ? { errors: problem.errors } : {}),
  };
}

const refusals: ReadonlySet<string> = new Set(refusalCodes);

/** What a refusal of the domain rules (lib/errors.ts) is, said over HTTP. */
export function problemOfDomainError(
  code: ErrorCode,
  fieldErrors: Record<string, string>,
  retryAfterSeconds?: number,
): ApiProblem {
  const errors = Object.entries(fieldErrors).map(([name, reason]) => ({ name, reason }));
  if (refusals.has(code)) return new ApiProblem("refused", undefined, errors, undefined, code);
  switch (code) {
    case "unauthenticated":
      return new ApiProblem("unauthenticated");
    case "forbidden":
      return new ApiProblem("forbidden");
    case "not_found":
      return new ApiProblem("not_found");
    case "invalid_input":
      return new ApiProblem("invalid_body", undefined, errors);
    case "rate_limited":
    case "rate_limited_ip":
    case "rate_limited_email":
      return new ApiProblem("rate_limited", undefined, undefined, retryAfterSeconds ?? 60);
    case "internal":
      return new ApiProblem("internal");
    default:
      return new ApiProblem("conflict", undefined, errors, undefined, code);
  }
}
