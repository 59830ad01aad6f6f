/** A choice's options as value and label pairs. */
export type Choices = readonly (readonly [value: string, label: string])[];

/** The options of a choice, in order. */
export function Options({ options }: { options: Choices }) {
  return (
    <>
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}
