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
  /** The console cannot reach its backend (the project's `admin-api`): offline, or the project is down. */
  'backend_unreachable',
  'internal',
] as const;
export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Who must act to fix it: the organization's admin, the registry vendor, or us. */
export const ErrorActor = z.enum(['org_admin', 'vendor', 'operator']);
export type ErrorActor = z.infer<typeof ErrorActor>;

/**
 * How much an error may hold, so it always fits on a screen: a validation message can echo
 * the input (an unknown key of 100 000 characters, 10 000 unknown keys), and that must not
 * travel back whole.
 */
export const ERROR_LIMITS = { message: 300, issues: 10, issuePath: 120, issueMessage: 200 } as const;

export const AppErrorPayload = z.object({
  code: ErrorCode,
  message: z.string().max(ERROR_LIMITS.message),
  actor: ErrorActor,
  /** Failing input paths for `invalid_input`. */
  issues: z
    .array(z.object({ path: z.string().max(ERROR_LIMITS.issuePath), message: z.string().max(ERROR_LIMITS.issueMessage) }))
    .max(ERROR_LIMITS.issues)
    .optional(),
});
export type AppErrorPayload = z.infer<typeof AppErrorPayload>;

/** `text` cut to `max` characters, ending in "…" when cut (never in half a surrogate pair). */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * An error clipped to `ERROR_LIMITS`. Issues past the limit are not dropped silently: the last
 * one says how many more there were.
 */
export function presentableError(payload: AppErrorPayload): AppErrorPayload {
  const issues = payload.issues?.map((issue) => ({
    path: clipText(issue.path, ERROR_LIMITS.issuePath),
    message: clipText(issue.message, ERROR_LIMITS.issueMessage),
  }));
  if (issues && issues.length > ERROR_LIMITS.issues) {
    const hidden = issues.length - (ERROR_LIMITS.issues - 1);
    issues.splice(ERROR_LIMITS.issues - 1, Infinity, { path: '(more)', message: `${hidden} more fields are not valid.` });
  }
  return { ...payload, message: clipText(payload.message, ERROR_LIMITS.message), ...(issues ? { issues } : {}) };
}

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
