import http from "node:http";
import { HocuspocusProvider } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { mintCollabToken } from "@/lib/collab/token";
import type { Participant } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { createClause } from "@/lib/drafting/mutations";

export const TEST_SECRET = "collab-test-secret-0123456789abcdef";

export const emptyDoc = { type: "doc", content: [] };
export const paragraphDoc = (text: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

/** A new clause of the demo standard, its body one paragraph (or empty), written by `author`. */
export async function newTestClause(db: Database, author: Participant, body = ""): Promise<string> {
  const { clauseId } = await createClause(db, author, {
    standardSlug: "iotmark",
    title: "Security updates",
    moduleCode: "SW",
    level: "Bronze",
    strength: "MUST",
    fields: {
      body: body ? paragraphDoc(body) : emptyDoc,
      assessment: emptyDoc,
      examples: emptyDoc,
    },
  });
  return clauseId;
}

/** A real Hocuspocus provider in Node, as a browser tab would hold one. */
export function connectClient(
  url: string,
  clauseId: string,
  userId: string,
  token = mintCollabToken(userId, TEST_SECRET),
) {
  return connectDocument(url, `clause:${clauseId}`, userId, token);
}

/** The same for any document name (`section:<id>`, or a name the server should refuse). */
export function connectDocument(
  url: string,
  name: string,
  userId: string,
  token = mintCollabToken(userId, TEST_SECRET),
) {
  const document = new Y.Doc();
  const provider = new HocuspocusProvider({
    url,
    name,
    document,
    token,
  });
  const synced = new Promise<void>((resolve, reject) => {
    provider.on("synced", () => resolve());
    provider.on("authenticationFailed", ({ reason }: { reason: string }) =>
      reject(new Error(reason)),
    );
  });
  return { document, provider, synced, body: () => bodyText(document) };
}

/** The body field's text, paragraph by paragraph. */
export function bodyText(document: Y.Doc): string {
  return document
    .getXmlFragment("body")
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map(String).join("") : ""))
    .join("\n");
}

/** The first paragraph's text node, created if the body is empty, as the editor would. */
export function firstParagraphText(document: Y.Doc): Y.XmlText {
  const body = document.getXmlFragment("body");
  let paragraph = body.get(0);
  if (!(paragraph instanceof Y.XmlElement)) {
    paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText()]);
    body.insert(0, [paragraph]);
  }
  const text = (paragraph as Y.XmlElement).get(0);
  if (!(text instanceof Y.XmlText)) throw new Error("paragraph without text");
  return text;
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Hocuspocus message types, as a hostile client on a raw socket writes them.
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_CLOSE = 7;
const MESSAGE_SYNC_STATUS = 8;

/** Frames a Hocuspocus message by hand. */
export function frame(
  documentName: string,
  write: (encoder: encoding.Encoder) => void,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * A client on a raw WebSocket, authenticated for one clause, that sends whatever it is told.
 * `send` resolves with "applied" or "refused" (Hocuspocus's sync status) or with the reason the
 * server closed the document's connection.
 */
export async function rawClient(
  url: string,
  clauseId: string,
  userId: string,
  name = `clause:${clauseId}`,
) {
  const socket = new WebSocket(url);
  let closedWith: string | null = null;
  const waiting: ((outcome: string) => void)[] = [];
  const settle = (outcome: string) => waiting.shift()?.(outcome);
  socket.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_CLOSE) {
      closedWith = decoding.readVarString(decoder);
      while (waiting.length > 0) settle(closedWith);
    } else if (type === MESSAGE_SYNC_STATUS) {
      settle(decoding.readVarUint(decoder) === 1 ? "applied" : "refused");
    }
  });
  socket.on("close", (code: number) => {
    closedWith ??= `socket closed (${code})`;
    while (waiting.length > 0) settle(closedWith);
  });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const authenticated = new Promise((resolve) => socket.once("message", resolve));
  socket.send(
    frame(name, (encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_AUTH);
      encoding.writeVarUint(encoder, 0); // Token
      encoding.writeVarString(encoder, mintCollabToken(userId, TEST_SECRET));
    }),
  );
  await authenticated;
  const outcome = (message: Uint8Array) => {
    if (closedWith !== null) return Promise.resolve(closedWith);
    const next = new Promise<string>((resolve) => waiting.push(resolve));
    socket.send(message);
    return next;
  };
  return {
    /** Sends a Yjs update; resolves with what the server made of it. */
    sendUpdate: (update: Uint8Array) =>
      outcome(
        frame(name, (encoder) => {
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          encoding.writeVarUint(encoder, 2); // Update
          encoding.writeVarUint8Array(encoder, update);
        }),
      ),
    /** Sends an awareness update (no answer comes unless the server closes the connection). */
    sendAwareness: (update: Uint8Array) =>
      socket.send(
        frame(name, (encoder) => {
          encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
          encoding.writeVarUint8Array(encoder, update);
        }),
      ),
    closedWith: () => closedWith,
    close: () => socket.close(),
  };
}

export type Post = { path: string; body?: Buffer | string; headers?: Record<string, string> };

/** One HTTP request to a collab port; `chunked` sends the body without a length. */
export function httpRequest(
  port: number,
  { path, body = "", headers = {} }: Post,
  options: { method?: string; chunked?: boolean } = {},
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const outgoing = http.request(
      { host: "127.0.0.1", port, path, method: options.method ?? "POST", headers },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    outgoing.on("error", reject);
    if (!options.chunked) outgoing.setHeader("content-length", Buffer.byteLength(body));
    const bytes = Buffer.from(body);
    // Several writes, as a slow or hostile client would stream them.
    for (let at = 0; at < bytes.length; at += 256 * 1024) {
      outgoing.write(bytes.subarray(at, at + 256 * 1024));
    }
    outgoing.end();
  });
}
