/** The scripted login could not finish: a page it did not expect, an unknown phone number, a broken redirect. */
export class VippsLoginError extends Error {
  override readonly name: string = 'VippsLoginError';
}

/** Vipps (the simulator) refused the login with an OAuth error, at the authorization or the token endpoint. */
export class VippsLoginRefused extends VippsLoginError {
  override readonly name = 'VippsLoginRefused';
  /** The OAuth `error` code, e.g. `access_denied` or `invalid_grant`. */
  readonly error: string;
  readonly errorDescription: string | null;
  readonly endpoint: 'authorization' | 'token';

  constructor(endpoint: 'authorization' | 'token', error: string, errorDescription: string | null, options?: { cause?: unknown }) {
    super(`Vipps refused the login at the ${endpoint} endpoint: ${error}${errorDescription === null ? '' : ` (${errorDescription})`}`, options);
    this.endpoint = endpoint;
    this.error = error;
    this.errorDescription = errorDescription;
  }
}
