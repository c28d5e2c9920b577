import { z } from 'zod';
import { isValidFodselsnummer } from '../../shared/domain/fodselsnummer.ts';

/** How long the service waits for Vipps's userinfo before giving up on this login. */
export const USERINFO_DEADLINE_MS = 5_000;

/**
 * Why a login could not be used. `token_rejected`: Vipps does not know the access token (forged,
 * expired after its 10 minutes, or revoked); `nin_missing`: the login was made without the `nin`
 * scope, or Vipps has not granted it to us; `unavailable`: Vipps did not answer in time or
 * answered with an error. None of them carries anything Vipps sent.
 */
export type UserinfoProblem = 'token_rejected' | 'nin_missing' | 'unavailable';

export class UserinfoError extends Error {
  readonly problem: UserinfoProblem;
  constructor(problem: UserinfoProblem, message: string) {
    super(message);
    this.name = 'UserinfoError';
    this.problem = problem;
  }
}

// Only what the service uses is read; Vipps's other claims (name, address) pass by untouched.
const Userinfo = z.object({ sub: z.string().min(1).max(200), nin: z.string().optional() });

export interface VippsPerson {
  /** Vipps's id for the person, per sales unit. */
  sub: string;
  /** The national identity number: in memory only, never stored, logged or returned. */
  nin: string;
}

/**
 * Asks Vipps who holds `accessToken`, with the token itself: the number comes from Vipps, so a
 * caller cannot plant one. The answer is parsed before use, and an error never quotes it.
 */
export async function fetchVippsPerson(
  userinfoUrl: string,
  accessToken: string,
  options: { signal?: AbortSignal; deadlineMs?: number; fetch?: typeof fetch } = {},
): Promise<VippsPerson> {
  const deadline = AbortSignal.timeout(options.deadlineMs ?? USERINFO_DEADLINE_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(userinfoUrl, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      signal,
      redirect: 'error',
    });
  } catch {
    throw new UserinfoError('unavailable', 'Vipps could not be reached to confirm the login.');
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new UserinfoError('token_rejected', 'Vipps does not recognise the access token.');
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new UserinfoError('unavailable', `Vipps answered the userinfo request with HTTP ${response.status}.`);
  }
  const body: unknown = await response.json().catch(() => null);
  const parsed = Userinfo.safeParse(body);
  if (!parsed.success) throw new UserinfoError('unavailable', 'Vipps answered the userinfo request with something unexpected.');
  const { sub, nin } = parsed.data;
  if (nin === undefined || !isValidFodselsnummer(nin)) {
    throw new UserinfoError('nin_missing', 'The Vipps login did not include a valid national identity number.');
  }
  return { sub, nin };
}
