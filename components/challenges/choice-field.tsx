"use client";

/** A group of radio buttons with its legend and its error next to it. */
export function ChoiceField({
  name,
  legend,
  options,
  error,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  error?: string;
}) {
  return (
    <fieldset
      className="mb-4"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend className="text-sm font-medium">{legend}</legend>
      <ul className="mt-1 space-y-1">
        {options.map((option) => (
          <li key={option.value}>
            <label className="flex items-start gap-2">
              <input type="radio" name={name} value={option.value} required className="mt-1" />
              <span>
                {option.label}
                {option.hint ? (
                  <span className="block text-sm text-muted">{option.hint}</span>
                ) : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p id={`${name}-error`} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
