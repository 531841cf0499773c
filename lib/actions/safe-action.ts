import { refresh } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { getLocale } from "next-intl/server";
import type { z } from "zod";
import { type Participant, requireParticipant } from "@/lib/community/authz";
import { getViewer } from "@/lib/community/request-viewer";
import type { Viewer } from "@/lib/community/viewer";
import { DomainError, type ErrorCode, type FieldErrors, isFieldErrorCode } from "@/lib/errors";
import { renderMessage } from "@/lib/i18n";
import type { Locale } from "@/lib/locale";
import { type ActionNotice, type PendingNotice, recordNotice, type WordedNotice } from "./notice";

/**
 * A refusal, or what was done and what the person is told of it (null: the form says). The
 * notice comes worded in the reader's language, so that the form that shows it needs no key of
 * the catalogue outside its own words (components/client-messages.tsx hands over only those).
 */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; notice: WordedNotice | null }
  | { ok: false; code: ErrorCode; fieldErrors: FieldErrors };

export type Action<T> = (
  previous: ActionResult<T> | null,
  formData: FormData,
) => Promise<ActionResult<T>>;

type CommonOptions<Schema extends z.ZodType, T> = {
  /** Recorded in the server log when something unexpected fails. */
  name: string;
  schema: Schema;
  /**
   * What the person is told once it is done, in an announced status on the page rendered next
   * (components/action-notice.tsx), with or without JavaScript: no action ends without a word.
   * Null only when nothing was done and the form itself says why (an import's problems).
   */
  done: ActionNotice | ((data: T, input: z.output<Schema>) => ActionNotice | null);
  /**
   * The page to go to once it is done (the notice goes along); otherwise the page stays. A run
   * that leaves the site calls redirect() itself (GitHub's sign-in), and no notice follows it.
   */
  redirectTo?: (data: T, input: z.output<Schema>) => string | null;
};

/**
 * Signed in, the default: an anonymous caller is refused before anything is parsed. `run` gets
 * the participant; stronger proofs (secretariat, group member) are minted from it in `run`.
 */
type SignedInOptions<Schema extends z.ZodType, T> = CommonOptions<Schema, T> & {
  public?: false;
  run: (input: z.output<Schema>, participant: Participant) => Promise<T>;
};

/** Open to anyone (signing in, unsubscribing with a link's token): `run` decides. */
type PublicOptions<Schema extends z.ZodType, T> = CommonOptions<Schema, T> & {
  public: true;
  run: (input: z.output<Schema>, viewer: Viewer | null) => Promise<T>;
};

/** A schema's field errors; an issue from zod itself (not named by `fieldError`) is "invalid". */
function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    fields[field] ??= isFieldErrorCode(issue.message) ? issue.message : "invalid";
  }
  return fields;
}

/** A notice as the reader is told it (the page rendered next words it the same way). */
function worded({ id, key, params, href }: PendingNotice, locale: Locale): WordedNotice {
  return {
    id,
    text: renderMessage({ key, params }, locale),
    ...(href === undefined ? {} : { href }),
  };
}

/**
 * redirect() and notFound() are control flow, not failures: Next.js needs them thrown on.
 * `first` runs before, as a redirect after a mutation leaves stale pages behind all the same.
 */
function rethrowControlFlow(error: unknown, first: () => void): void {
  try {
    unstable_rethrow(error);
  } catch (controlFlow) {
    first();
    throw controlFlow;
  }
}

/**
 * Every server action goes through here: authenticate → parse → (lib authorizes) → mutate →
 * tell → refresh or redirect. It never echoes input back, and database errors are logged, not
 * shown.
 *
 * Pages are rendered per request, so no server cache holds them; what a signed-in change leaves
 * stale is the browser's router cache, which `refresh()` renews. Public actions answer on their
 * own page or by redirect, and set cookies where they change what a session sees (the notice's
 * cookie is one: setting it renders the page again, which then shows the notice).
 */
export function defineAction<Schema extends z.ZodType, T = undefined>(
  options: PublicOptions<Schema, T>,
): Action<T>;
export function defineAction<Schema extends z.ZodType, T = undefined>(
  options: SignedInOptions<Schema, T>,
): Action<T>;
export function defineAction<Schema extends z.ZodType, T = undefined>(
  options: PublicOptions<Schema, T> | SignedInOptions<Schema, T>,
): Action<T> {
  const afterChange = options.public ? () => {} : refresh;
  return async (_previous, formData) => {
    let next: string | null = null;
    let result: ActionResult<T>;
    try {
      const viewer = await getViewer();
      let run: (input: z.output<Schema>) => Promise<T>;
      if (options.public) {
        const publicRun = options.run;
        run = (input) => publicRun(input, viewer);
      } else {
        if (!viewer) return { ok: false, code: "unauthenticated", fieldErrors: {} };
        const participant = requireParticipant(viewer);
        const signedInRun = options.run;
        run = (input) => signedInRun(input, participant);
      }
      const parsed = options.schema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) {
        return { ok: false, code: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error) };
      }
      const data = await run(parsed.data);
      next = options.redirectTo?.(data, parsed.data) ?? null;
      const done =
        typeof options.done === "function" ? options.done(data, parsed.data) : options.done;
      const pending = done ? await recordNotice(done, { redirecting: next !== null }) : null;
      const notice = pending ? worded(pending, await getLocale()) : null;
      afterChange();
      result = { ok: true, data, notice };
    } catch (error) {
      rethrowControlFlow(error, afterChange);
      if (error instanceof DomainError) {
        return { ok: false, code: error.code, fieldErrors: error.fieldErrors };
      }
      console.error(`action ${options.name} failed:`, error);
      return { ok: false, code: "internal", fieldErrors: {} };
    }
    if (next !== null) redirect(next);
    return result;
  };
}
