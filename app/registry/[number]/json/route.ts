import { createHash } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { malformedAddress } from "@/lib/http/params";
import { declarationJson, declarationNumber } from "@/lib/registry/public-json";

type Context = { params: Promise<{ number: string }> };

/**
 * /registry/{number}.json (rewritten here by next.config.ts). Its state can change at any time,
 * so browsers revalidate each time, with the hash of the bytes as the validator.
 */
export async function GET(request: Request, { params }: Context) {
  const number = declarationNumber((await params).number);
  const body = number === null ? null : await declarationJson(getDb(), number);
  if (body === null) return malformedAddress();
  const etag = `"${createHash("sha256").update(body, "utf8").digest("base64url")}"`;
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-cache",
    ETag: etag,
  };
  if (request.headers.get("if-none-match") === etag) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { headers });
}
