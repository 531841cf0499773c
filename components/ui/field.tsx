import type {
  InputHTMLAttributes,
  ReactNode,
  Ref,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";

const control =
  "mt-1 block w-full rounded-md border border-line bg-white px-3 py-2 text-base text-ink aria-[invalid=true]:border-danger";

type FieldFrame = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children?: ReactNode;
};

/** Label, control, hint and error, wired together for screen readers. */
function Frame({ id, label, hint, error, children }: FieldFrame) {
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The control's own classes, then the caller's: added to, never replaced. */
function controlClass(extra: string | undefined): string {
  return extra ? `${control} ${extra}` : control;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function TextField({
  id,
  label,
  hint,
  error,
  className,
  ...input
}: FieldFrame & InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={id}
        className={controlClass(className)}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </Frame>
  );
}

export function TextAreaField({
  id,
  label,
  hint,
  error,
  className,
  ...input
}: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={id}
        className={controlClass(className)}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </Frame>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  children,
  className,
  ...input
}: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={id}
        className={controlClass(className)}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      >
        {children}
      </select>
    </Frame>
  );
}
