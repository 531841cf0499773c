import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { apiEndpoints } from "@/lib/api/endpoints";
import { openApiDocument } from "@/lib/api/openapi";
import { createApiRouter } from "@/lib/api/router";
import type { Database } from "@/lib/db/client";

export const ORIGIN = "https://hum.example";

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
type Document = ReturnType<typeof openApiDocument>;

/** The API as the route serves it, over one test database, and its OpenAPI document. */
export function apiFor(db: Database, now?: () => Date) {
  const document = openApiDocument(apiEndpoints, ORIGIN);
  const router = createApiRouter({
    db,
    endpoints: apiEndpoints,
    origin: ORIGIN,
    openApi: () => document,
    ...(now ? { now } : {}),
  });
  const request = (
    path: string,
    init: {
      method?: string;
      token?: string;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) =>
    router(
      new Request(`${ORIGIN}/api/v1${path}`, {
        method: init.method ?? "GET",
        headers: {
          ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
          ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
          ...init.headers,
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      }),
    );
  return { document, request, conforms: conformsTo(document) };
}

/** Whether the document is valid OpenAPI 3.1, by an independent validator; its errors if not. */
export async function validateDocument(document: unknown): Promise<unknown> {
  const validator = new Validator();
  const result = await validator.validate(document as Parameters<Validator["validate"]>[0]);
  return result.valid ? null : result.errors;
}

/**
 * A checker of answers against the document: the response schema the document gives for this
 * operation and status must accept the body. Returns ajv's errors, or null when it conforms.
 */
export function conformsTo(document: Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document.components.schemas.Problem, "#/components/schemas/Problem");
  return (template: string, method: string, status: number, body: unknown) => {
    const operation = (document.paths[template] as Record<string, Operation> | undefined)?.[
      method.toLowerCase()
    ];
    if (!operation) return [`${method} ${template} is not in the document`];
    const answer = operation.responses[String(status)];
    if (!answer) return [`${method} ${template} does not document status ${status}`];
    const content =
      answer.content?.["application/json"] ?? answer.content?.["application/problem+json"];
    if (!content) return body === null ? null : [`status ${status} documents no body`];
    const validate = ajv.compile(content.schema);
    return validate(body) ? null : validate.errors;
  };
}
