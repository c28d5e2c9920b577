import type { z } from 'zod';

/**
 * Rejection reasons are stored and shown, so they name fields and problems and never quote a
 * value: a value could be a personnummer, an e-mail address or a phone number. The wording is
 * built from each issue's code, not from its message, because a message may embed its input.
 */
function problemOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1 ? 'must not be empty' : 'too short or too small';
    case 'too_big':
      return 'too long or too large';
    case 'invalid_format':
      return `not a valid ${issue.format}`;
    case 'invalid_value':
      return 'not an allowed value';
    case 'custom':
      // Only our own schemas add custom issues, with fixed wording (e.g. "Birth date out of range").
      return issue.message;
    default:
      return 'not valid';
  }
}

export type PathNames = Readonly<Record<string, string>>;

/** `a.b.0` with the leading segments renamed, e.g. the canonical `lastName` to Consio's `surname`. */
function pathOf(issue: z.core.$ZodIssue, names: PathNames): string {
  const path = issue.path.map(String).join('.');
  if (path === '') return 'record';
  const renamed = Object.entries(names).find(([from]) => path === from || path.startsWith(`${from}.`));
  return renamed === undefined ? path : `${renamed[1]}${path.slice(renamed[0].length)}`;
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], names: PathNames = {}): string[] {
  return issues.map((issue) => `${pathOf(issue, names)}: ${problemOf(issue)}`);
}

/** Up to five problems, then a count, so a badly broken record does not make an essay. */
export function joinProblems(problems: readonly string[]): string {
  const shown = problems.slice(0, 5).join('; ');
  return problems.length > 5 ? `${shown} (and ${problems.length - 5} more)` : shown;
}
