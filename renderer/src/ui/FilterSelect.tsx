import { FormField } from './FormField.tsx';

export interface FilterOption {
  value: string;
  label: string;
}

/** A labelled list filter: "all" or one of its options. The URL holds the choice, so it takes and gives `undefined` for "all". */
export function FilterSelect({
  label,
  allLabel,
  value,
  options,
  onChange,
}: {
  label: string;
  allLabel: string;
  value: string | undefined;
  options: readonly FilterOption[];
  onChange(value: string | undefined): void;
}) {
  return (
    <FormField label={label}>
      {(control) => (
        <select {...control} value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
          <option value="">{allLabel}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
