import { refresh } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { type Participant, requireParticipant } from "@/lib/community/authz";
import { getViewer } from "@/lib/community/request-viewer";
import type { Viewer } from "@/lib/community/viewer";
import { DomainError, type ErrorCode, type FieldErrors, isFieldErrorCode } from "@/lib/errors";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; fieldErrors: FieldErrors };

export type Action<T> = (
  previous: ActionResult<T> | null,
  formData: FormData,
) => Promise<ActionResult<T>>;

type CommonOptions<Schema extends z.ZodType> = {
  /** Recorded in the server log when something unexpected fails. */
  name: string;
  schema: Schema;
};

/**
 * Signed in, the default: an anonymous caller is refused before anything is parsed. `run` gets
 * the participant; stronger proofs (secretariat, group member) are minted from it in `run`.
 */
type SignedInOptions<Schema extends z.ZodType, T> = CommonOptions<Schema> & {
  public?: false;
  run: (input: z.output<Schema>, participant: Participant) => Promise<T>;
};

/** Open to anyone (signing in, unsubscribing with a link's token): `run` decides. */
type PublicOptions<Schema extends z.ZodType, T> = CommonOptions<Schema> & {
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
 * refresh. It never echoes input back, and database errors are logged, not shown.
 *
 * Pages are rendered per request, so no server cache holds them; what a signed-in change leaves
 * stale is the browser's router cache, which `refresh()` renews. Public actions answer on their
 * own page or by redirect, and set cookies where they change what a session sees.
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
      afterChange();
      return { ok: true, data };
    } catch (error) {
      rethrowControlFlow(error, afterChange);
      if (error instanceof DomainError) {
        return { ok: false, code: error.code, fieldErrors: error.fieldErrors };
      }
      console.error(`action ${options.name} failed:`, error);
      return { ok: false, code: "internal", fieldErrors: {} };
    }
  };
}
