import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Extension, Hocuspocus } from "@hocuspocus/server";
import { z } from "zod";
import { documentAccess, type ReadOnlyWatch } from "@/lib/collab/access";
import { problemWith, replaceFields } from "@/lib/collab/document";
import {
  type DocumentTarget,
  documentNameOf,
  sectionDocumentNameOf,
} from "@/lib/collab/document-name";
import { bodyDigest, DIGEST_HEADER, hasValidSignature } from "@/lib/collab/internal";
import type { Database } from "@/lib/db/client";
import { type ClauseFields, clauseFields } from "@/lib/drafting/rich-text";

/** Largest body of an internal call: a clause's three fields as JSON, the state cap and more. */
export const MAX_INTERNAL_BODY_BYTES = 4 * 1024 * 1024;

const ROUTE =
  /^\/internal\/(clauses|sections)\/([0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12})\/(text|close)$/;

const richText = z.looseObject({ type: z.string() });
const replaceTextBody = z.object({
  userId: z.string().min(1).max(200),
  fields: z.object(Object.fromEntries(clauseFields.map((field) => [field, richText]))),
});

/** An answer already sent: tells Hocuspocus not to add its own welcome page. */
const HANDLED = undefined;

type Answer = { status: number; text: string };

/**
 * Reads at most `limit` bytes. Past it the rest is read and discarded by Node (so the client
 * still gets the 413 rather than a reset connection), never kept in memory.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | "too_large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      request.off("data", onData);
      request.resume();
      settle(() => resolve("too_large"));
    };
    request.on("data", onData);
    request.once("end", () => settle(() => resolve(Buffer.concat(chunks))));
    request.on("error", (error) => settle(() => reject(error)));
    request.once("close", () => settle(() => reject(new Error("request closed early"))));
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * The collab server's HTTP side: signed calls from the web app under /internal/. Every refusal
 * and every failure becomes an answer; nothing here may reject, since Hocuspocus would rethrow
 * it as an unhandled rejection and take the whole process down.
 */
export function createInternalHandler(options: {
  db: Database;
  secret: string;
  readOnly: ReadOnlyWatch;
  maxBodyBytes?: number;
}): Extension {
  const limit = options.maxBodyBytes ?? MAX_INTERNAL_BODY_BYTES;

  async function handle(
    request: IncomingMessage,
    instance: Hocuspocus,
    path: string,
  ): Promise<Answer> {
    const route = ROUTE.exec(path);
    if (!route) return { status: 404, text: "not found" };
    const [, kind, clauseId = "", action] = route;
    // A section's text is only ever changed by its editors; the web app may only close it.
    if (kind === "sections" && action !== "close") return { status: 404, text: "not found" };
    const target: DocumentTarget = {
      kind: kind === "sections" ? "section" : "clause",
      id: clauseId,
    };
    const documentName =
      target.kind === "clause" ? documentNameOf(clauseId) : sectionDocumentNameOf(clauseId);
    if (request.method !== "POST") return { status: 405, text: "method not allowed" };
    const declared = Number(request.headers["content-length"] ?? 0);
    if (declared > limit) return { status: 413, text: "body too large" };
    if (!hasValidSignature(options.secret, "POST", path, request.headers)) {
      return { status: 403, text: "bad signature" };
    }
    const body = await readBody(request, limit);
    if (body === "too_large") return { status: 413, text: "body too large" };
    if (bodyDigest(body) !== request.headers[DIGEST_HEADER]) {
      return { status: 403, text: "bad signature" };
    }
    const json = parseJson(body);
    if (json === undefined) return { status: 400, text: "malformed JSON" };
    const access = await documentAccess(options.db, target);
    if (!access) return { status: 404, text: `no such ${target.kind}` };

    if (action === "close") {
      if (!(await options.readOnly.refresh(documentName))) return { status: 204, text: "" };
      const document = instance.documents.get(documentName);
      for (const connection of document?.getConnections() ?? []) {
        connection.readOnly = true;
        connection.close({ code: 4403, reason: `this ${target.kind} is read-only now` });
      }
      return { status: 204, text: "" };
    }

    const parsed = replaceTextBody.safeParse(json);
    if (!parsed.success) return { status: 400, text: "malformed request" };
    const fields = parsed.data.fields as ClauseFields;
    const problem = problemWith(fields);
    if (problem) return { status: 422, text: problem };
    if (access.readOnly) return { status: 409, text: "this clause is read-only" };
    const connection = await instance.openDirectConnection(documentNameOf(clauseId), {
      userId: parsed.data.userId,
    });
    try {
      await connection.transact((document) => replaceFields(document, fields));
    } finally {
      await connection.disconnect(); // stores the document before answering
    }
    return { status: 204, text: "" };
  }

  const send = (response: ServerResponse, { status, text }: Answer) => {
    if (response.headersSent) return void response.end();
    response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
    response.end(text);
  };

  return {
    extensionName: "hum-internal",
    async onRequest({ request, response, instance }) {
      const path = (request.url ?? "").split("?")[0] ?? "";
      if (!path.startsWith("/internal/")) return; // Hocuspocus answers with its welcome page
      try {
        send(response, await handle(request, instance, path));
      } catch (error) {
        console.error(`collab: ${path} failed: ${(error as Error)?.message ?? String(error)}`);
        try {
          send(response, { status: 500, text: "internal error" });
        } catch {
          request.destroy();
        }
      }
      // An empty rejection stops the other hooks and the welcome page; Hocuspocus swallows it.
      return Promise.reject(HANDLED);
    },
  };
}
