import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from './client.ts';

/**
 * Puts the fields the backend refused (`invalid_input` issues, paths as the contract names them)
 * back on the form's own fields, so the admin sees each problem where it is. Returns whether any
 * issue matched a field of this form; the notice still says what went wrong overall.
 */
export function applyServerIssues<Form extends FieldValues>(
  error: unknown,
  fields: ReadonlyArray<Path<Form>>,
  setError: UseFormSetError<Form>,
  message: string,
): boolean {
  if (!(error instanceof ApiError) || error.payload.code !== 'invalid_input') return false;
  let matched = false;
  for (const issue of error.payload.issues ?? []) {
    const field = fields.find((name) => issue.path === name || issue.path.startsWith(`${name}.`));
    if (field) {
      setError(field, { type: 'server', message });
      matched = true;
    }
  }
  return matched;
}
