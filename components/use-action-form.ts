"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useActionState, useEffect, useRef, useState, useTransition } from "react";
import { useAnnounce } from "@/components/notice-region";
import type { Action, ActionResult } from "@/lib/actions/safe-action";

/**
 * Binds a form to a server action and turns its result into words from the catalogue: one
 * message per field, next to the field, one for the form as a whole, and what was done (which the
 * action words itself, as its keys may lie outside this page's catalogue), in the page's status
 * region (components/notice-region.tsx).
 *
 * The form works as a plain form before its script has run, and without JavaScript: the server
 * renders it posting to `action`, runs the action and answers with the whole page, this form's
 * result included (`posted`) and the notice in the status region.
 *
 * With JavaScript the form is submitted from `onSubmit`, which calls the action itself: what the
 * person typed stays in the fields when the server refuses it (a form action resets the form),
 * and the notice is announced as soon as the result arrives, even when the page rendered after
 * the action no longer has this form (a vote, once cast, replaces its form).
 */
export function useActionForm<T>(action: Action<T>, options: { resetOnSuccess?: boolean } = {}) {
  const [posted, formAction] = useActionState(action, null);
  const [sent, setSent] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  const state = sent ?? posted;
  const formRef = useRef<HTMLFormElement>(null);
  const resetOnSuccess = options.resetOnSuccess ?? false;
  useEffect(() => {
    if (state?.ok && resetOnSuccess) formRef.current?.reset();
  }, [state, resetOnSuccess]);
  const announce = useAnnounce();
  const fieldText = useTranslations("fieldErrors");
  const errorText = useTranslations("errors");
  const failed = state && !state.ok ? state : null;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(async () => {
      // An action that redirects never answers here: the page it leads to shows the notice.
      const result = await action(null, data);
      const notice = result.ok ? result.notice : null;
      // In the same transition as the refreshed page, so the notice and the change show together.
      startTransition(() => {
        setSent(result);
        if (notice) {
          announce(notice);
        }
      });
    });
  };
  return {
    state,
    pending,
    formProps: { action: formAction, onSubmit, ref: formRef, "aria-busy": pending || undefined },
    succeeded: Boolean(state?.ok),
    formError: failed ? errorText(failed.code) : undefined,
    fieldError: (name: string) => {
      const code = failed?.fieldErrors[name];
      return code ? fieldText(code) : undefined;
    },
  };
}
