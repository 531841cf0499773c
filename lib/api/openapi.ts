import { z } from "zod";
import type { Endpoint } from "@/lib/api/endpoint";
import { problemKinds, problemSchema } from "@/lib/api/problem";
import { API_PREFIX } from "@/lib/api/router";
import { scopes } from "@/lib/api/tokens";

/*
 * The OpenAPI 3.1 document, drawn from the endpoints' own zod schemas: the same ones the router
 * validates requests and answers with. OpenAPI 3.1 speaks JSON Schema 2020-12, which is what
 * zod writes.
 */

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    reused: "inline",
  }) as JsonSchema;
  return rest;
}

/** A parameter's schema, and its description lifted to the parameter where OpenAPI wants it. */
function parameters(
  shape: z.ZodRawShape | undefined,
  place: "path" | "query",
): Record<string, unknown>[] {
  return Object.entries(shape ?? {}).map(([name, field]) => {
    const schema = jsonSchema(field as z.ZodType, "output");
    const { description, ...rest } = schema;
    const optional = (field as z.ZodType).safeParse(undefined).success;
    return {
      name,
      in: place,
      required: place === "path" || !optional,
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

const problemRef = { $ref: "#/components/schemas/Problem" };
const problemContent = { "application/problem+json": { schema: problemRef } };

function operation(endpoint: Endpoint) {
  const responses: Record<string, unknown> = {
    [String(endpoint.status)]: {
      description: "OK",
      content: { "application/json": { schema: jsonSchema(endpoint.response, "output") } },
    },
    ...(endpoint.method === "GET"
      ? { "304": { description: "Not modified (If-None-Match)" } }
      : {}),
    "400": { description: problemKinds.bad_parameter.title, content: problemContent },
    "401": { description: problemKinds.unauthenticated.title, content: problemContent },
    "403": { description: problemKinds.forbidden.title, content: problemContent },
    "404": { description: problemKinds.not_found.title, content: problemContent },
    ...(endpoint.scope
      ? { "409": { description: problemKinds.refused.title, content: problemContent } }
      : {}),
    "429": {
      description: problemKinds.rate_limited.title,
      headers: { "Retry-After": { schema: { type: "integer" } } },
      content: problemContent,
    },
  };
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    tags: [endpoint.group],
    parameters: [
      ...parameters(endpoint.params?.shape, "path"),
      ...parameters(endpoint.query?.shape, "query"),
    ],
    ...(endpoint.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(endpoint.body, "input") } },
          },
        }
      : {}),
    responses,
    security: endpoint.scope ? [{ token: [endpoint.scope] }] : [{}, { token: ["read"] }],
  };
}

export function openApiDocument(endpoints: readonly Endpoint[], origin: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    const item = paths[endpoint.path] ?? {};
    item[endpoint.method.toLowerCase()] = operation(endpoint);
    paths[endpoint.path] = item;
  }
  const groups = [...new Set(endpoints.map((endpoint) => endpoint.group))];
  return {
    openapi: "3.1.1",
    info: {
      title: "Hum API",
      version: "1.0.0",
      description:
        "Everything the public can read on Hum, as JSON, and what a person may do with a personal access token: comment, take positions, keep declarations up to date.",
    },
    servers: [{ url: `${origin}${API_PREFIX}` }],
    tags: groups.map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema, "output") },
      securitySchemes: {
        token: {
          type: "http",
          scheme: "bearer",
          description: `A personal access token made on your profile. Scopes: ${scopes.join(", ")}.`,
        },
      },
    },
  };
}
