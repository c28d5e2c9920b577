import { z } from 'zod';
import type { BridgeResult } from '../../../shared/contract/bridge.ts';
import { AppErrorPayload } from '../../../shared/domain/errors.ts';

/** A bridge result as it comes back from `admin-api`: parsed, since it crossed the network. */
export const BridgeAnswer = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorPayload }),
]);

export const fail = (code: AppErrorPayload['code'], message: string, actor: AppErrorPayload['actor'] = 'org_admin'): BridgeResult => ({
  ok: false,
  error: { code, message, actor },
});

export const unreachable = (): BridgeResult =>
  fail('backend_unreachable', 'The project cannot be reached, so nothing was changed. Check the internet connection.', 'operator');

export const notSignedIn = (): BridgeResult => fail('not_signed_in', 'Sign in to the project to continue.');

/**
 * Auth's refusals in words an admin can act on: a wrong password or code (`not_signed_in`), the
 * project refusing the anon key (`forbidden`: Auth's 401 without a code), too many attempts
 * (`conflict`); anything else means Auth could not be reached.
 */
export function authFailure(error: { status?: number | undefined; code?: string | undefined } | null): BridgeResult {
  if (error?.code === 'invalid_credentials') return fail('not_signed_in', 'The e-mail address or password is wrong.');
  if (error?.code === 'otp_expired') return fail('not_signed_in', 'The code is wrong or has expired. Ask for a new one.');
  if (error?.code === 'over_email_send_rate_limit' || error?.code === 'over_request_rate_limit' || error?.status === 429) {
    return fail('conflict', 'Too many attempts. Wait a minute and try again.');
  }
  if (error?.status === 401 && error.code === undefined) return fail('forbidden', 'The project refused the anon key.');
  if (error?.status !== undefined && error.status >= 400 && error.status < 500)
    return fail('not_signed_in', 'Sign-in was refused. Check the e-mail address.');
  return unreachable();
}
