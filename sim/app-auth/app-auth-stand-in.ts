import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { createSupabaseTokenVerifier, type SupabaseTokenVerifier } from '../../backend/auth/supabase-token.ts';

/**
 * A STAND-IN for the members' app's Supabase Auth (GoTrue), which cannot run on these machines:
 * it signs access tokens for app users with Supabase's claim shape (ES256, `aud` and `role`
 * `authenticated`, `iss` `<project>/auth/v1`) and can serve its JWKS where Supabase does. It
 * knows nothing of passwords or sessions: it is only the signing half, for the demo and tests.
 */
export interface AppAuthStandIn {
  /** `<project>/auth/v1`. */
  readonly issuer: string;
  /** The public keys, as `<project>/auth/v1/.well-known/jwks.json` serves them. */
  readonly jwks: { keys: JWK[] };
  /** An access token for an app user, valid for `ttlSeconds` (Supabase's default is 3600). */
  issue(
    appUserId: string,
    options?: { ttlSeconds?: number; audience?: string; issuer?: string; email?: string; sessionId?: string },
  ): Promise<string>;
  /** The enrichment service's check, over these keys without a network round trip. */
  verifier(): SupabaseTokenVerifier;
  /** Serves the JWKS at `<url>/auth/v1/.well-known/jwks.json` (for a host that fetches it, like the Edge Function). */
  serve(): Promise<{ url: string; close(): Promise<void> }>;
}

export async function createAppAuthStandIn(options: { projectUrl?: string } = {}): Promise<AppAuthStandIn> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'app-auth-stand-in', alg: 'ES256', use: 'sig' };
  const jwks = { keys: [publicJwk] };
  let issuer = `${options.projectUrl ?? 'http://127.0.0.1:54321'}/auth/v1`;

  return {
    get issuer() {
      return issuer;
    },
    jwks,
    async issue(appUserId, issueOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        role: 'authenticated',
        aal: 'aal1',
        amr: [{ method: issueOptions.email === undefined ? 'oauth' : 'password', timestamp: now }],
        session_id: issueOptions.sessionId ?? crypto.randomUUID(),
        ...(issueOptions.email === undefined ? {} : { email: issueOptions.email }),
      })
        .setProtectedHeader({ alg: 'ES256', kid: publicJwk.kid, typ: 'JWT' })
        .setSubject(appUserId)
        .setIssuer(issueOptions.issuer ?? issuer)
        .setAudience(issueOptions.audience ?? 'authenticated')
        .setIssuedAt(now)
        .setExpirationTime(now + (issueOptions.ttlSeconds ?? 3600))
        .sign(privateKey);
    },
    verifier: () => createSupabaseTokenVerifier({ keys: createLocalJWKSet(jwks), issuer }),
    async serve() {
      const server: Server = createServer((request, response) => {
        const found = request.method === 'GET' && request.url === '/auth/v1/.well-known/jwks.json';
        response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        response.end(JSON.stringify(found ? jwks : { error: 'not_found' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      issuer = `${url}/auth/v1`;
      return {
        url,
        close: () =>
          new Promise<void>((resolve, reject) => {
            server.closeAllConnections();
            server.close((error) => (error ? reject(error) : resolve()));
          }),
      };
    },
  };
}
