import { z } from 'zod';

/**
 * Error codes that may cross a process boundary. Each maps to a message a volunteer
 * administrator can act on; stack traces and SQL text never leave the backend.
 */
export const errorCodes = [
  'invalid_input',
  'not_signed_in',
  'forbidden',
  'not_found',
  'conflict',
  'source_auth_failed',
  'source_unreachable',
  'source_timeout',
  'source_rate_limited',
  'source_server_error',
  'source_bad_response',
  /** The registry refused a write (a value it does not accept, a read-only field). */
  'source_rejected_write',
  /** The registry no longer has the member a write was for. */
  'source_not_found',
  /** A full sync would lapse or remove more members than the safety guard allows. */
  'held_for_approval',
  'internal',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Who must act to fix it: the organization's admin, the registry vendor, or us. */
export const ErrorActor = z.enum(['org_admin', 'vendor', 'operator']);
export type ErrorActor = z.infer<typeof ErrorActor>;

export const AppErrorPayload = z.object({
  code: ErrorCode,
  message: z.string(),
  actor: ErrorActor,
  /** Failing input paths for `invalid_input`. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type AppErrorPayload = z.infer<typeof AppErrorPayload>;

/** A failure that is safe to show the user. Anything else becomes `internal`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly actor: ErrorActor;
  readonly issues: AppErrorPayload['issues'];

  constructor(code: ErrorCode, message: string, actor: ErrorActor = 'operator', issues?: AppErrorPayload['issues']) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.actor = actor;
    this.issues = issues;
  }

  toPayload(): AppErrorPayload {
    return { code: this.code, message: this.message, actor: this.actor, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

/**
 * Who must act on a stored error code, when only the code survives (job and run rows).
 * Credentials are the organization's to fix; everything else at the source is the vendor's.
 */
export function actorForErrorCode(code: ErrorCode): ErrorActor {
  switch (code) {
    case 'source_auth_failed':
    case 'invalid_input':
    case 'forbidden':
    case 'not_found':
    case 'conflict':
    case 'held_for_approval':
    case 'source_rejected_write':
    case 'source_not_found':
      return 'org_admin';
    case 'source_unreachable':
    case 'source_timeout':
    case 'source_rate_limited':
    case 'source_server_error':
    case 'source_bad_response':
      return 'vendor';
    default:
      return 'operator';
  }
}
