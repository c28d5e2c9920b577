import type { BridgeResult } from '../../../shared/contract/bridge.ts';
import { AppErrorPayload } from '../../../shared/domain/errors.ts';

/** What must never reach a caller: SQL, table names, stack frames, source paths, database error text. */
const LEAKS: ReadonlyArray<readonly [string, RegExp]> = [
  ['SQL', /\bselect\s.+\sfrom\s|\binsert\s+into\b|\bupdate\s+\w+(\.\w+)?\s+set\b|\bdelete\s+from\b/i],
  ['a table name', /\bsync\.[a-z_]+\b|\bauth\.[a-z_]+\b/],
  ['a database error', /SQLSTATE|ERROR:|violates|duplicate key|out of range for type|invalid input syntax/i],
  ['a stack frame', /\bat\s.*\((?:file:\/\/|\/|node:)[^)]*:\d+:\d+\)|\bat\s+(?:file:\/\/|\/|node:)\S+:\d+:\d+|node:internal/],
  ['a source path', /\.tsx?\b|\/work\/|node_modules/],
];

/**
 * Why an answer could not be shown to an administrator as it is, or null when it can: an error
 * must be one of the typed codes other than `internal`, fit `ERROR_LIMITS`, and hold no SQL,
 * stack or path. A successful answer was already checked by the router against the contract.
 */
export function unpresentable(answer: BridgeResult): string | null {
  if (answer.ok) return null;
  const parsed = AppErrorPayload.safeParse(answer.error);
  if (!parsed.success) return `the error does not fit the contract's error shape: ${parsed.error.message.slice(0, 300)}`;
  if (answer.error.code === 'internal') return 'the answer is "internal"';
  const text = [answer.error.message, ...(answer.error.issues ?? []).flatMap((issue) => [issue.path, issue.message])].join('\n');
  for (const [what, pattern] of LEAKS) if (pattern.test(text)) return `the error shows ${what}: ${text.slice(0, 300)}`;
  if (JSON.stringify(answer.error).length > 4_096) return 'the error is longer than 4 096 characters';
  return null;
}

/** Rejects when `work` takes longer than `ms`: nothing a caller sends may hang a host. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Throws if anything changed Object.prototype: the fuzz sends `__proto__` and `constructor` keys,
 * and a merge or assignment that followed them would reach every object in the process.
 */
export function assertPrototypesIntact(): void {
  const added = [...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertySymbols(Object.prototype).map(String)].filter(
    (name) => !PRISTINE_PROTOTYPE.has(name),
  );
  if (added.length > 0 || ({} as Record<string, unknown>)['polluted'] !== undefined) {
    throw new Error(`Object.prototype was polluted: ${added.join(', ') || 'polluted'}`);
  }
}
const PRISTINE_PROTOTYPE = new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertySymbols(Object.prototype).map(String)]);
