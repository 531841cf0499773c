"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";

type Action<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

/**
 * Binds a form to a server action and turns its result into words from the catalogue:
 * one message per field, next to the field, and one for the form as a whole.
 */
export function useActionForm<T>(action: Action<T>) {
  const [state, formAction, pending] = useActionState(action, null);
  const fieldText = useTranslations("fieldErrors");
  const errorText = useTranslations("errors");
  const failed = state && !state.ok ? state : null;
  return {
    state,
    formAction,
    pending,
    succeeded: Boolean(state?.ok),
    formError: failed ? errorText(failed.code) : undefined,
    fieldError: (name: string) => {
      const key = failed?.fieldErrors[name];
      return key ? fieldText(key) : undefined;
    },
  };
}
