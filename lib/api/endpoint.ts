import type { z } from "zod";
import type { ApiCaller, Scope } from "@/lib/api/tokens";
import type { Database } from "@/lib/db/client";

/*
 * One endpoint of the API: its address, its parameters, body and answer as zod schemas, and its
 * handler. The router validates what comes in and what goes out with these schemas, and the
 * OpenAPI document is drawn from the same ones, so the reference can never say one thing while
 * the API does another.
 */

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export type ApiContext<P, Q, B> = {
  db: Database;
  params: P;
  query: Q;
  body: B;
  /** The token's owner, when the request carried a token; null for anonymous reads. */
  caller: ApiCaller | null;
  now: Date;
  /** The site's configured public origin, for absolute links. */
  origin: string;
};

type AnyObject = z.ZodObject<z.ZodRawShape>;

export type EndpointDefinition<
  P extends AnyObject,
  Q extends AnyObject,
  B extends AnyObject,
  R extends z.ZodType,
> = {
  method: Method;
  /** OpenAPI's form, below /api/v1: "/standards/{slug}/calls/{number}". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** The reference page's section. */
  group: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: 200 | 201;
  /** What a token must hold for this write; reads need no token (or one with `read`). */
  scope?: Exclude<Scope, "read">;
  /** A published release never changes: its answer may be kept by anyone for a year. */
  immutable?: boolean;
  /**
   * A real address (below /api/v1) of the demo community, linked from the reference page and
   * requested by the tests, whose answers are checked against the OpenAPI document. For a write,
   * the body sent with it.
   */
  example: { path: string; body?: Record<string, unknown> };
  handle: (ctx: ApiContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<z.input<R>>;
};

/** An endpoint with its types erased, as the router and the document generator hold them. */
export type Endpoint = {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  group: string;
  params?: AnyObject;
  query?: AnyObject;
  body?: AnyObject;
  response: z.ZodType;
  status: 200 | 201;
  scope?: Exclude<Scope, "read">;
  immutable: boolean;
  example: { path: string; body?: Record<string, unknown> };
  handle: (ctx: ApiContext<unknown, unknown, unknown>) => Promise<unknown>;
};

export function defineEndpoint<
  P extends AnyObject,
  Q extends AnyObject,
  B extends AnyObject,
  R extends z.ZodType,
>(definition: EndpointDefinition<P, Q, B, R>): Endpoint {
  return {
    ...definition,
    status: definition.status ?? 200,
    immutable: definition.immutable ?? false,
    handle: definition.handle as Endpoint["handle"],
  };
}
