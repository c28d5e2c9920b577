import { AppError, type AppErrorPayload } from '../../shared/domain/errors.ts';
import { SourceError } from '../adapters/member-source.ts';

const INTERNAL: AppErrorPayload = {
  code: 'internal',
  message: 'Something went wrong on our side. The error has been logged; please try again.',
  actor: 'operator',
};

function sqlState(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/**
 * Turns any failure into a payload fit for the user. Only AppError and SourceError carry
 * their own message; SQL errors are reduced to their meaning, never their text.
 */
export function toAppErrorPayload(error: unknown): { payload: AppErrorPayload; expected: boolean } {
  if (error instanceof AppError) return { payload: error.toPayload(), expected: true };
  if (error instanceof SourceError) {
    return { payload: { code: error.code, message: error.message, actor: error.actor }, expected: true };
  }
  switch (sqlState(error)) {
    case '42501':
      return {
        payload: { code: 'forbidden', message: 'You do not have access to that organization or integration.', actor: 'org_admin' },
        expected: true,
      };
    case '23505':
      return {
        payload: { code: 'conflict', message: 'That already exists or is already in progress.', actor: 'org_admin' },
        expected: true,
      };
    default:
      return { payload: INTERNAL, expected: false };
  }
}
