"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";

type Action<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

/**
 * Binds a form to a server action and turns its result into words from the catalogue:
 * one message per field, next to the field, and one for the form as a whole.
 *
 * With JavaScript the form is submitted from `onSubmit`, so what the person typed stays in the
 * fields when the server refuses it (a plain `action` submission resets the form). Without
 * JavaScript the `action` attribute still works.
 */
export function useActionForm<T>(action: Action<T>, options: { resetOnSuccess?: boolean } = {}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const resetOnSuccess = options.resetOnSuccess ?? false;
  useEffect(() => {
    if (state?.ok && resetOnSuccess) formRef.current?.reset();
  }, [state, resetOnSuccess]);
  const fieldText = useTranslations("fieldErrors");
  const errorText = useTranslations("errors");
  const failed = state && !state.ok ? state : null;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(data));
  };
  return {
    state,
    pending,
    formProps: { action: formAction, onSubmit, ref: formRef },
    succeeded: Boolean(state?.ok),
    formError: failed ? errorText(failed.code) : undefined,
    fieldError: (name: string) => {
      const code = failed?.fieldErrors[name];
      return code ? fieldText(code) : undefined;
    },
  };
}
