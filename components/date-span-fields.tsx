import { TextField } from "@/components/ui/field";

/** One of the two dates; its id is also the name its action reads. */
type DateField = {
  id: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  required?: boolean;
};

/**
 * The first and last day of a span, side by side on a wide screen and one above the other on a
 * narrow one: a member's term, a review's period, a survey's opening and closing. The secretariat
 * sets each of these, so its forms share one layout for them.
 */
export function DateSpanFields({
  first,
  last,
  fieldError,
}: {
  first: DateField;
  last: DateField;
  fieldError: (name: string) => string | undefined;
}) {
  return (
    <div className="grid gap-x-4 sm:grid-cols-2">
      {[first, last].map((field) => (
        <TextField key={field.id} type="date" {...field} error={fieldError(field.id)} />
      ))}
    </div>
  );
}
