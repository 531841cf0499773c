import type http from "node:http";
import querystring from "node:querystring";
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
  form: URLSearchParams;
  /** The request's Cookie header, where the writer finds its own cookie. */
  cookie: string;
  ip: string;
  secure: boolean;
};
export type WrittenAnswer = { status: number; headers: Record<string, string>; body: string };
export type AnswerWriter = (posted: PostedForm) => Promise<WrittenAnswer>;

/** Far more than a survey's longest answers (5,000 characters each, encoded) need. */
export const MAX_ANSWER_BYTES = 1024 * 1024;
/** A survey has at most 50 questions of at most 21 fields each (lib/reviews/survey-schema.ts). */
export const MAX_ANSWER_FIELDS = 2000;

/** The one body the answers endpoint reads. */
export const FORM_TYPE = "application/x-www-form-urlencoded";

const answersPath = /^\/surveys\/([1-9]\d{0,8})\/answers$/;
const sessionCookie = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=/;

/** The survey a POST answers, when it is anonymous; null for anything else. */
export function anonymousAnswers(method: string | undefined, url: string, cookie: string) {
  if (method !== "POST" || sessionCookie.test(cookie)) return null;
  const number = answersPath.exec(url)?.[1];
  return number ? Number(number) : null;
}

/**
 * An urlencoded form's fields, or null past `MAX_ANSWER_FIELDS`. Read in one linear pass:
 * URLSearchParams takes time growing with the square of the fields on some bodies (a megabyte of
 * `a&a&…` holds the thread for seconds), and the form comes from anyone.
 */
export function answerFields(body: string): URLSearchParams | null {
  let fields = 1;
  for (let at = body.indexOf("&"); at !== -1; at = body.indexOf("&", at + 1)) {
    if (++fields > MAX_ANSWER_FIELDS) return null;
  }
  const parsed = querystring.parse(body, "&", "=", { maxKeys: MAX_ANSWER_FIELDS });
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(parsed)) {
    for (const one of Array.isArray(value) ? value : [value ?? ""]) form.append(name, one);
  }
  return form;
}

/**
 * The posted form, read up to `MAX_ANSWER_BYTES`. Only urlencoded, as the answering form's script
 * sends it; a form without scripts goes to its action, in Next.js.
 */
function readForm(
  request: http.IncomingMessage,
): Promise<URLSearchParams | "too_large" | "not_a_form" | "aborted"> {
  return new Promise((resolve) => {
    if (!String(request.headers["content-type"] ?? "").startsWith(FORM_TYPE)) {
      resolve("not_a_form");
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const read = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_ANSWER_BYTES) {
        chunks.push(chunk);
        return;
      }
      // The rest is not read: the answer says why, and the connection is closed after it.
      request.off("data", read);
      request.pause();
      resolve("too_large");
    };
    request.on("data", read);
    request.once("end", () => {
      if (size > MAX_ANSWER_BYTES) return;
      resolve(answerFields(Buffer.concat(chunks).toString("utf8")) ?? "too_large");
    });
    // The browser went away mid-form: there is no one to answer.
    request.once("aborted", () => resolve("aborted"));
    request.once("error", () => resolve("aborted"));
  });
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
  // A refusal before the body is read closes the connection once answered: the body is not read.
  const refuseUnread = (status: number, code: string) => {
    response.once("finish", () => request.destroy());
    json(status, { ok: false, code, fieldErrors: {} }, { Connection: "close" });
  };
  const origin = request.headers.origin;
  if (origin !== undefined && options.origin && origin !== new URL(options.origin).origin) {
    return refuseUnread(403, "forbidden");
  }
  const form = await readForm(request);
  if (form === "aborted") return;
  if (form === "too_large") return refuseUnread(413, "invalid_input");
  if (form === "not_a_form") return refuseUnread(415, "invalid_input");
  const prior = request.headers["x-forwarded-for"];
  const remote = request.socket.remoteAddress ?? "unknown";
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
