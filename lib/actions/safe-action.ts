import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getViewer } from "@/lib/community/request-viewer";
import type { Viewer } from "@/lib/community/viewer";
import { DomainError, type ErrorCode, type FieldErrors, isFieldErrorCode } from "@/lib/errors";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; fieldErrors: FieldErrors };

type ActionOptions<Schema extends z.ZodType, T> = {
  /** Recorded in the server log when something unexpected fails. */
  name: string;
  schema: Schema;
  /** Refuse before parsing when nobody is signed in. Permission checks live in lib/. */
  signedIn?: boolean;
  run: (input: z.output<Schema>, viewer: Viewer | null) => Promise<T>;
  revalidate?: string[];
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
 * Every server action goes through here: authenticate → parse → (lib authorizes) → mutate →
 * revalidate. It never echoes input back, and database errors are logged, not shown.
 */
export function defineAction<Schema extends z.ZodType, T = undefined>(
  options: ActionOptions<Schema, T>,
) {
  return async (
    _previous: ActionResult<T> | null,
    formData: FormData,
  ): Promise<ActionResult<T>> => {
    try {
      const viewer = await getViewer();
      if (options.signedIn && !viewer) {
        return { ok: false, code: "unauthenticated", fieldErrors: {} };
      }
      const parsed = options.schema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) {
        return { ok: false, code: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error) };
      }
      const data = await options.run(parsed.data, viewer);
      for (const path of options.revalidate ?? []) revalidatePath(path);
      return { ok: true, data };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      if (error instanceof DomainError) {
        return { ok: false, code: error.code, fieldErrors: error.fieldErrors };
      }
      console.error(`action ${options.name} failed:`, error);
      return { ok: false, code: "internal", fieldErrors: {} };
    }
  };
}
