import type { z } from 'zod';
import {
  boundProblems,
  isQuarantineField,
  type QuarantineField,
  type QuarantineProblem,
  type QuarantineProblemEntry,
} from '../../shared/domain/quarantine.ts';
import { isStorableText } from '../../shared/domain/storable.ts';

/** A registry's top-level keys to the canonical fields they carry, e.g. Cornerstone's `mobile` to `phone`. */
export type FieldNames = Readonly<Record<string, QuarantineField>>;

/** Canonical names the member model's own keys map to where they differ from the problem's field. */
const canonicalNames: FieldNames = { hasPersonnummer: 'personnummer' };

/** The value at `path` in `input`, own properties only; undefined when the path does not reach it. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The canonical field an issue is about: its path's first key renamed, or null when not one of ours. */
function fieldOf(path: readonly PropertyKey[], names: FieldNames): QuarantineField | null {
  const [first] = path;
  if (typeof first !== 'string') return null;
  if (Object.hasOwn(names, first)) return names[first] ?? null;
  if (Object.hasOwn(canonicalNames, first)) return canonicalNames[first] ?? null;
  return isQuarantineField(first) ? first : null;
}

/**
 * The problem code for one zod issue, from its code and the input it was raised for, never from
 * its message (a message may quote the value). `input` is what was parsed.
 */
function problemOf(issue: z.core.$ZodIssue, input: unknown): QuarantineProblem {
  if (issue.path.length === 0) return 'not_a_record';
  const value = valueAt(input, issue.path);
  if (typeof value === 'string' && !isStorableText(value)) return 'unstorable_text';
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined || value === null ? 'missing' : 'invalid';
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1 ? 'missing' : 'invalid';
    case 'too_big':
      return 'too_long';
    default:
      return 'invalid';
  }
}

/** Structured problems for a failed parse of `input`: canonical field names and codes, bounded. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], input: unknown, names: FieldNames = {}): QuarantineProblemEntry[] {
  return boundProblems(
    issues.map((issue) => ({ field: issue.path.length === 0 ? null : fieldOf(issue.path, names), problem: problemOf(issue, input) })),
  );
}
