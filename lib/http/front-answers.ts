import type http from "node:http";
import { clientIpFrom } from "@/lib/http/client-address";
import { securityHeaders } from "@/lib/http/front-document";

/*
 * Survey answers taken by the front. A survey's link goes to buyers by the hundred, and its
 * answers come together; Next.js would spend more on each request than the answer itself costs.
 * So a form posted to /surveys/{n}/answers by someone not signed in is read here and handed to
 * whoever the launcher gave the front to write it (lib/reviews/answering.ts); signed-in people's
 * answers, which need their session, go on to Next.js, which answers the same way.
 */

/** A form posted by someone not signed in, for the writer. */
export type PostedForm = {
  surveyNumber: number;
  form: FormData | URLSearchParams;
  /** The request's Cookie header, where the writer finds its own cookie. */
  cookie: string;
  ip: string;
  secure: boolean;
};
export type WrittenAnswer = { status: number; headers: Record<string, string>; body: string };
export type AnswerWriter = (posted: PostedForm) => Promise<WrittenAnswer>;

/** Far more than a survey's longest answers (5,000 characters each) need. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

const answersPath = /^\/surveys\/([1-9]\d{0,8})\/answers$/;
const sessionCookie = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=/;

/** The survey a POST answers, when it is anonymous; null for anything else. */
export function anonymousAnswers(method: string | undefined, url: string, cookie: string) {
  if (method !== "POST" || sessionCookie.test(cookie)) return null;
  const number = answersPath.exec(url)?.[1];
  return number ? Number(number) : null;
}

/** The posted form, read up to `MAX_ANSWER_BYTES`: urlencoded or multipart, as forms send. */
async function readForm(
  request: http.IncomingMessage,
): Promise<FormData | URLSearchParams | "too_large" | "not_a_form" | "aborted"> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) return "too_large";
      chunks.push(chunk);
    }
  } catch {
    // The browser went away mid-form: there is no one to answer.
    return "aborted";
  }
  const body = Buffer.concat(chunks);
  const type = String(request.headers["content-type"] ?? "");
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return new URLSearchParams(body.toString("utf8"));
  }
  if (type.startsWith("multipart/form-data")) {
    try {
      return await new Response(body, { headers: { "Content-Type": type } }).formData();
    } catch {
      return "not_a_form";
    }
  }
  return "not_a_form";
}

/** Answers `request` with the writer's JSON, or a refusal before it is written. */
export async function takeAnswers(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  surveyNumber: number,
  write: AnswerWriter,
  options: { origin?: string; trustedProxies?: number; hsts: boolean },
): Promise<void> {
  const json = (status: number, reply: object, headers: Record<string, string> = {}): void => {
    response
      .writeHead(status, {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "no-store",
        ...securityHeaders("application/json", options.hsts),
        ...headers,
      })
      .end(JSON.stringify(reply));
  };
  // Another site's page may not answer in its visitors' names (their survey cookie goes along).
  const origin = request.headers.origin;
  if (origin !== undefined && options.origin && origin !== new URL(options.origin).origin) {
    request.resume();
    return json(403, { ok: false, code: "forbidden", fieldErrors: {} });
  }
  const form = await readForm(request);
  if (form === "aborted") return;
  if (form === "too_large") {
    // The rest of the body is not read: answered, the connection is closed.
    response.once("finish", () => request.destroy());
    return json(
      413,
      { ok: false, code: "invalid_input", fieldErrors: {} },
      { Connection: "close" },
    );
  }
  if (form === "not_a_form")
    return json(415, { ok: false, code: "invalid_input", fieldErrors: {} });
  const prior = request.headers["x-forwarded-for"];
  const remote = request.socket.remoteAddress ?? "";
  const ip = clientIpFrom(prior ? `${prior}, ${remote}` : remote, options.trustedProxies ?? 0);
  let written: WrittenAnswer;
  try {
    written = await write({
      surveyNumber,
      form,
      cookie: String(request.headers.cookie ?? ""),
      ip,
      secure: (options.origin ?? "").startsWith("https:"),
    });
  } catch (error) {
    console.error(
      `hum: survey ${surveyNumber}: an answer could not be stored (${error instanceof Error ? error.message : String(error)})`,
    );
    return json(500, { ok: false, code: "internal", fieldErrors: {} });
  }
  response
    .writeHead(written.status, {
      ...securityHeaders("application/json", options.hsts),
      ...written.headers,
    })
    .end(written.body);
}
