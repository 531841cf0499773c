import "server-only";
import { cookies, headers } from "next/headers";
import { clientIpFrom } from "@/lib/auth/rules";
import { requireParticipant } from "@/lib/community/authz";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { getEnv, publicUrl } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { requireRepresentative } from "@/lib/registry/authz";
import { responseDesk, surveyCookieOptions } from "@/lib/reviews/answering";
import type { SurveyFacts } from "@/lib/reviews/response-queries";
import {
  browserKeyOf,
  isBrowserId,
  newBrowserId,
  type Respondent,
  type ResponseInput,
  type ResponseOutcome,
  SURVEY_COOKIE,
} from "@/lib/reviews/responses";

/*
 * Who answers a survey through Next.js: the answering form's action (without JavaScript) and the
 * answers endpoint for signed-in people (with it). Anonymous answers usually reach the front
 * instead (lib/reviews/answering.ts), which tells browsers apart the same way.
 */

const ATTEMPTED = "reviews.answer_survey";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * This browser's id for surveys: the cookie's, or a new one set now. Long-lived, HTTP-only and
 * sent to survey pages alone, so no other page carries it.
 */
async function browserId(): Promise<string> {
  const jar = await cookies();
  const known = jar.get(SURVEY_COOKIE)?.value;
  if (isBrowserId(known)) return known;
  const id = newBrowserId();
  jar.set(SURVEY_COOKIE, id, surveyCookieOptions(publicUrl().startsWith("https:")));
  return id;
}

/** Who answers, as the survey's audience asks: a browser, a participant or an organisation. */
export async function respondentFor(
  survey: SurveyFacts,
  form: { get: (name: string) => FormDataEntryValue | null },
): Promise<Respondent> {
  switch (survey.audience) {
    case "anyone": {
      const requestHeaders = await headers();
      const ip = clientIpFrom(requestHeaders.get("x-forwarded-for"), getEnv().TRUSTED_PROXIES);
      return { kind: "browser", browserKey: browserKeyOf(await browserId()), ip };
    }
    case "participants":
      return { kind: "participant", participant: requireParticipant(await getViewer(), ATTEMPTED) };
    case "organisations": {
      const viewer = await getViewer();
      requireParticipant(viewer, ATTEMPTED);
      const organisationId = form.get("organisation");
      if (typeof organisationId !== "string" || !UUID.test(organisationId)) {
        throw new DomainError("not_in_audience");
      }
      try {
        const representative = await requireRepresentative(
          getDb(),
          viewer,
          organisationId,
          ATTEMPTED,
        );
        return { kind: "organisation", representative };
      } catch (error) {
        // Not one of its representatives: for this form, that is being outside the audience.
        if (error instanceof DomainError && error.code === "forbidden") {
          throw new DomainError("not_in_audience");
        }
        throw error;
      }
    }
  }
}

let desk: ((input: ResponseInput) => Promise<ResponseOutcome>) | undefined;

/** Writes a response with the others arriving at this server at the same time. */
export function submitTogether(input: ResponseInput): Promise<ResponseOutcome> {
  desk ??= responseDesk(getDb());
  return desk(input);
}
