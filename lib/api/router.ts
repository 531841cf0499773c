import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Endpoint } from "@/lib/api/endpoint";
import { ApiProblem, problemBody, problemOfDomainError } from "@/lib/api/problem";
import { type ApiCaller, authenticateToken } from "@/lib/api/tokens";
import { withAuditVia } from "@/lib/audit/via";
import type { Database } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { apiCorsHeaders, TOKEN_EXPIRES_HEADER } from "@/lib/http/front-api";

/*
 * Answers one request to /api/v1: finds the endpoint, checks the token and its scope, parses
 * parameters and body strictly (an unknown one is a 400 naming it), runs the handler, and checks
 * the answer against its schema before it leaves, so nothing the schema does not name (a hidden
 * comment's words, a withheld name) can go out by accident.
 */

export const API_PREFIX = "/api/v1";
export const MAX_BODY_BYTES = 64 * 1024;

export type RouterOptions = {
  db: Database;
  endpoints: readonly Endpoint[];
  /** The site's configured public origin. */
  origin: string;
  now?: () => Date;
  /** Serves the OpenAPI document at /api/v1/openapi.json. */
  openApi?: () => unknown;
};

const corsHeaders = apiCorsHeaders;

type Route = { endpoint: Endpoint; pattern: RegExp; names: string[] };

function compile(endpoint: Endpoint): Route {
  const names: string[] = [];
  const source = endpoint.path
    .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
  return { endpoint, pattern: new RegExp(`^${source}$`), names };
}

function jsonResponse(
  request: Request,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): Response {
  const body = JSON.stringify(value);
  const etag = `"${createHash("sha256").update(body).digest("base64url")}"`;
  const all: Record<string, string> = {
    "Content-Type": status >= 400 ? "application/problem+json" : "application/json; charset=utf-8",
    "Cache-Control": "no-cache",
    ETag: etag,
    Vary: "Authorization",
    ...corsHeaders,
    ...headers,
  };
  if (status === 200 && request.method === "GET") {
    const asked = request.headers.get("if-none-match");
    if (asked?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
      return new Response(null, { status: 304, headers: all });
    }
  }
  return new Response(body, { status, headers: all });
}

function problemResponse(request: Request, problem: ApiProblem, origin: string): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (problem.retryAfterSeconds) headers["Retry-After"] = String(problem.retryAfterSeconds);
  if (problem.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="hum"';
  return jsonResponse(request, problem.status, problemBody(problem, `${origin}/api`), headers);
}

/** The fields at fault in a zod error, with what is wrong with each. */
function faults(error: z.ZodError): { name: string; reason: string }[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ name: key, reason: "unknown" }))
      : [{ name: issue.path.map(String).join(".") || "body", reason: issue.message }],
  );
}

function parseQuery(url: URL, schema: Endpoint["query"]): unknown {
  const values: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (name in values) {
      throw new ApiProblem("bad_parameter", `"${name}" is given more than once.`, [
        { name, reason: "repeated" },
      ]);
    }
    values[name] = value;
  }
  const parsed = (schema ?? z.object({})).strict().safeParse(values);
  if (parsed.success) return parsed.data;
  const errors = faults(parsed.error);
  const unknown = errors.every((error) => error.reason === "unknown");
  throw new ApiProblem(
    unknown ? "unknown_parameter" : "bad_parameter",
    errors.map((error) => `"${error.name}": ${error.reason}`).join("; "),
    errors,
  );
}

async function parseBody(request: Request, schema: Endpoint["body"]): Promise<unknown> {
  if (!schema) return undefined;
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    throw new ApiProblem("invalid_body", "Send the body as application/json.");
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new ApiProblem("invalid_body", `The body is over ${MAX_BODY_BYTES} bytes.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiProblem("invalid_body", "The body is not JSON.");
  }
  const parsed = schema.strict().safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = faults(parsed.error);
  throw new ApiProblem(
    "invalid_body",
    errors.map((error) => `"${error.name}": ${error.reason}`).join("; "),
    errors,
  );
}

async function callerOf(
  request: Request,
  db: Database,
  now: Date,
  endpoint: Endpoint,
): Promise<ApiCaller | null> {
  const authorization = request.headers.get("authorization");
  if (!authorization) {
    if (endpoint.scope)
      throw new ApiProblem("unauthenticated", "This needs a personal access token.");
    return null;
  }
  const check = await authenticateToken(db, authorization, now);
  if (!check.ok) {
    throw new ApiProblem(
      check.reason === "expired"
        ? "token_expired"
        : check.reason === "revoked"
          ? "token_revoked"
          : "unauthenticated",
    );
  }
  const needed = endpoint.scope ?? "read";
  if (!check.caller.token.scopes.includes(needed)) {
    throw new ApiProblem("insufficient_scope", `This needs a token with the "${needed}" scope.`);
  }
  return check.caller;
}

export function createApiRouter(options: RouterOptions) {
  const routes = options.endpoints.map(compile);
  const now = options.now ?? (() => new Date());

  return async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(API_PREFIX)
      ? url.pathname.slice(API_PREFIX.length) || "/"
      : url.pathname;
    const method = request.method === "HEAD" ? "GET" : request.method;
    try {
      if (request.method === "OPTIONS") {
        return new Response(null, { status: 204, headers: corsHeaders });
      }
      if (path === "/openapi.json" && options.openApi && method === "GET") {
        return jsonResponse(request, 200, options.openApi());
      }
      const matching = routes
        .map((route) => ({ route, match: route.pattern.exec(path) }))
        .filter((found) => found.match);
      if (matching.length === 0) throw new ApiProblem("not_found", `No endpoint at ${path}.`);
      const found = matching.find(({ route }) => route.endpoint.method === method);
      if (!found?.match) {
        const allowed = matching.map(({ route }) => route.endpoint.method).join(", ");
        throw new ApiProblem("method_not_allowed", `This address answers ${allowed}.`);
      }
      const { endpoint, names } = found.route;
      const at = now();
      const rawParams = Object.fromEntries(
        names.map((name, index) => [name, decodeURIComponent(found.match?.[index + 1] ?? "")]),
      );
      const params = (endpoint.params ?? z.object({})).safeParse(rawParams);
      if (!params.success) throw new ApiProblem("not_found", `No endpoint at ${path}.`);
      const query = parseQuery(url, endpoint.query);
      const caller = await callerOf(request, options.db, at, endpoint);
      const body = await parseBody(request, endpoint.body);
      const run = () =>
        endpoint.handle({
          db: options.db,
          params: params.data,
          query,
          body,
          caller,
          now: at,
          origin: options.origin,
        });
      // A write names the token it came through in every audit entry it records.
      const result =
        caller && endpoint.scope
          ? await withAuditVia({ token: caller.token.name }, run)
          : await run();
      const checked = endpoint.response.safeParse(result);
      if (!checked.success) {
        console.error(
          `api: ${endpoint.operationId} answered outside its schema: ${checked.error.issues[0]?.path.join(".")} ${checked.error.issues[0]?.message}`,
        );
        throw new ApiProblem("internal");
      }
      return jsonResponse(request, endpoint.status, checked.data, {
        ...(endpoint.immutable && !caller
          ? { "Cache-Control": "public, max-age=31536000, immutable" }
          : {}),
        // When the token stops working: the front trusts it for reads no longer than that.
        ...(caller ? { [TOKEN_EXPIRES_HEADER]: caller.token.expiresAt.toISOString() } : {}),
      });
    } catch (error) {
      if (error instanceof ApiProblem) return problemResponse(request, error, options.origin);
      if (error instanceof DomainError) {
        const retry = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
        return problemResponse(
          request,
          problemOfDomainError(error.code, error.fieldErrors, retry),
          options.origin,
        );
      }
      console.error(`api: ${request.method} ${path} failed: ${(error as Error)?.message ?? error}`);
      return problemResponse(request, new ApiProblem("internal"), options.origin);
    }
  };
}
