import { AppError } from '../../shared/domain/errors.ts';
import { SourceError } from '../adapters/member-source.ts';

const SQLSTATE = /^[0-9A-Z]{5}$/;

function field(error: object, name: string): string | null {
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : null;
}

/** Stack frames only: the first line of a stack repeats the message. */
function frames(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .join('\n');
}

/**
 * A one-string account of an error that is safe for the log. Database errors carry the query,
 * its parameters (a page of members) and a `detail` quoting the failing row, and even their
 * message may quote a value; of them only the SQLSTATE and the names of the objects involved
 * are kept. Our own errors keep their messages, which are written to be shown to users.
 */
export function describeError(error: unknown): string {
  if (error instanceof SourceError || error instanceof AppError) {
    return `${error.name} ${error.code}: ${error.message}\n${frames(error)}`;
  }
  if (typeof error === 'object' && error !== null) {
    const code = field(error, 'code');
    if (code && SQLSTATE.test(code)) {
      const where = ['schema', 'table', 'column', 'constraint', 'dataType', 'routine']
        .map((name) => [name, field(error, name)] as const)
        .filter(([, value]) => value !== null)
        .map(([name, value]) => `${name}=${value}`)
        .join(' ');
      return `Database error SQLSTATE ${code}${where ? ` (${where})` : ''}\n${error instanceof Error ? frames(error) : ''}`;
    }
    if (error instanceof Error) return `${error.name}: ${error.message}\n${frames(error)}`;
  }
  return `Non-error thrown: ${typeof error}`;
}
