import {
  allowInsecureRequests,
  AuthorizationResponseError,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  ClientSecretBasic,
  ClientSecretPost,
  customFetch,
  discovery,
  randomPKCECodeVerifier,
  randomState,
  ResponseBodyError,
  WWWAuthenticateChallengeError,
  type CustomFetch,
  type DiscoveryRequestOptions,
  type IDToken,
} from 'openid-client';
import type { VippsTokenEndpointAuthMethod } from './clients.ts';
import { completeVippsAuthorization } from './login-browser.ts';
import { VippsLoginError, VippsLoginRefused } from './login-errors.ts';

export { VippsLoginError, VippsLoginRefused } from './login-errors.ts';

export interface VippsLoginOptions {
  /** The issuer, e.g. `VippsSim.issuer`. Discovery is fetched from it over plain http (loopback only). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The member's phone number, as typed into the Vipps login page. */
  phoneNumber: string;
  /** Default `openid nin name phoneNumber birthDate`. */
  scope?: string;
  /** What the member answers on the consent page. Default `accept`. */
  consent?: 'accept' | 'deny';
  /** Must match the client's registration. Default `client_secret_basic`, as at Vipps. */
  tokenEndpointAuthMethod?: VippsTokenEndpointAuthMethod;
  signal?: AbortSignal;
}

export interface VippsLoginResult {
  /** For userinfo; valid for 10 minutes. */
  accessToken: string;
  /** The ID token's verified claims: `sub` and protocol claims, never `nin`. */
  idTokenClaims: IDToken;
  sub: string;
}

export const defaultVippsLoginScope = 'openid nin name phoneNumber birthDate';

/**
 * A member logging in with Vipps, scripted end to end as a relying party would see it:
 * discovery, an authorization request with PKCE (S256) and state, the member's steps in the
 * browser, and the code exchange with ID token validation. It does not fetch userinfo; that is
 * the caller's job with `accessToken`.
 *
 * Throws VippsLoginRefused when Vipps answers with an OAuth error (a declined consent, a user
 * under 15, a replayed code), VippsLoginError when the flow breaks in any other way.
 */
export async function vippsLogin(options: VippsLoginOptions): Promise<VippsLoginResult> {
  const { signal } = options;
  const clientAuth =
    (options.tokenEndpointAuthMethod ?? 'client_secret_basic') === 'client_secret_post'
      ? ClientSecretPost(options.clientSecret)
      : ClientSecretBasic(options.clientSecret);
  const discoveryOptions: DiscoveryRequestOptions = { execute: [allowInsecureRequests] };
  if (signal !== undefined) discoveryOptions[customFetch] = withSignal(signal);
  const config = await discovery(new URL(options.issuer), options.clientId, undefined, clientAuth, discoveryOptions);

  const codeVerifier = randomPKCECodeVerifier();
  const state = randomState();
  const authorizationUrl = buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: options.scope ?? defaultVippsLoginScope,
    code_challenge: await calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
  });

  const callbackUrl = await completeVippsAuthorization({
    authorizationUrl,
    redirectUri: options.redirectUri,
    phoneNumber: options.phoneNumber,
    consent: options.consent ?? 'accept',
    signal,
  });

  try {
    const tokens = await authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: codeVerifier, expectedState: state, idTokenExpected: true });
    const idTokenClaims = tokens.claims();
    if (idTokenClaims === undefined) throw new VippsLoginError('Vipps (simulator) answered the code exchange without an ID token');
    return { accessToken: tokens.access_token, idTokenClaims, sub: idTokenClaims.sub };
  } catch (error) {
    if (error instanceof AuthorizationResponseError) {
      throw new VippsLoginRefused('authorization', error.error, error.error_description ?? null, { cause: error });
    }
    if (error instanceof ResponseBodyError) throw new VippsLoginRefused('token', error.error, error.error_description ?? null, { cause: error });
    // A 401 with a challenge (a refused Basic authentication) carries its error in WWW-Authenticate.
    const challenge =
      error instanceof WWWAuthenticateChallengeError ? error.cause.find((candidate) => candidate.parameters.error !== undefined) : undefined;
    if (challenge?.parameters.error !== undefined) {
      throw new VippsLoginRefused('token', challenge.parameters.error, challenge.parameters.error_description ?? null, { cause: error });
    }
    throw error;
  }
}

/** openid-client's requests, cancelled with the caller's signal as well as by its own timeout. */
function withSignal(signal: AbortSignal): CustomFetch {
  return (url, { body, ...init }) =>
    fetch(url, {
      ...init,
      // Copied onto a plain ArrayBuffer, which both Node's and the DOM's fetch types accept.
      body: body instanceof Uint8Array ? new Uint8Array(body) : body,
      signal: init.signal === undefined ? signal : AbortSignal.any([init.signal, signal]),
    });
}
