/** One labelled menu in a GET filter form; the first choice ("all") means no filter. */
export function FilterSelect({
  id,
  label,
  value,
  allLabel,
  options,
}: {
  id: string;
  label: string;
  value: string;
  allLabel: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name={id}
        defaultValue={value}
        className="mt-1 rounded-md border border-line bg-white px-3 py-2"
      >
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
