import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomInt } from 'node:crypto';
import { createAppAuthStandIn, type AppAuthStandIn } from '../../sim/app-auth/app-auth-stand-in.ts';

/**
 * A TEST DOUBLE for a Supabase project's front door, because GoTrue and the Functions gateway
 * cannot run on these machines. It is thin on purpose:
 *
 * - **Auth** (`/auth/v1`): password sign-in, e-mail one-time codes, refresh, the user, sign-out,
 *   the public settings and the JWKS. Access tokens are ES256 JWTs with Supabase's claim shape, signed by
 *   `sim/app-auth`'s signer; refresh tokens are random and single-use, as GoTrue rotates them.
 *   No password hashing, MFA, rate limits or reuse detection: those are GoTrue's, not ours.
 * - **Functions** (`/functions/v1/<name>`): passed through to a function the test started, as
 *   the gateway routes them; the function verifies the token itself.
 */
export interface SupabaseStandIn {
  /** The project URL, as the console is given it. */
  readonly url: string;
  /** What a project's anon (publishable) key is: here, any fixed string the client must send. */
  readonly anonKey: string;
  readonly signer: AppAuthStandIn;
  /** An Auth user with a password; returns nothing, the test knows the id it chose. */
  addUser(user: { id: string; email: string; password: string }): void;
  /** The one-time code last e-mailed to this address (what the admin would read in the mail). */
  lastCodeFor(email: string): string | undefined;
  /** Route `/functions/v1/<name>` to a running function. */
  routeFunction(name: string, url: string): void;
  /** The project cannot be reached: every connection is dropped, as when the network is gone. */
  setDown(down: boolean): void;
  /** Access tokens live this long (Supabase's default is 3600 s); shorten to see refresh happen. */
  setAccessTokenTtl(seconds: number): void;
  /** How many sessions were refreshed, signed in, or signed out, for tests that prove they happened. */
  readonly counts: { refreshed: number; signedIn: number; signedOut: number };
  close(): Promise<void>;
}

interface AuthUser {
  id: string;
  email: string;
  password: string;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > 256 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const json = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

const parse = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

export async function startSupabaseStandIn(): Promise<SupabaseStandIn> {
  // Made once the server listens: the signer names the project's Auth as the issuer, as Supabase does.
  let signer: AppAuthStandIn | null = null;
  const sign = (): AppAuthStandIn => {
    if (!signer) throw new Error('not listening yet');
    return signer;
  };
  const anonKey = `anon-${randomBytes(12).toString('hex')}`;
  const users = new Map<string, AuthUser>();
  const refreshTokens = new Map<string, { userId: string; sessionId: string }>();
  const codes = new Map<string, string>();
  const functions = new Map<string, string>();
  const counts = { refreshed: 0, signedIn: 0, signedOut: 0 };
  let ttlSeconds = 3600;
  let down = false;

  const userView = (user: AuthUser) => ({
    id: user.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: user.email,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: {},
    created_at: '2026-01-01T00:00:00Z',
  });
  const session = async (user: AuthUser, sessionId: string = crypto.randomUUID()) => {
    const refreshToken = randomBytes(16).toString('hex');
    refreshTokens.set(refreshToken, { userId: user.id, sessionId });
    const now = Math.floor(Date.now() / 1000);
    return {
      access_token: await sign().issue(user.id, { email: user.email, ttlSeconds, sessionId }),
      token_type: 'bearer',
      expires_in: ttlSeconds,
      expires_at: now + ttlSeconds,
      refresh_token: refreshToken,
      user: userView(user),
    };
  };
  const byEmail = (email: unknown) => [...users.values()].find((user) => user.email === String(email).toLowerCase());
  const invalid = (response: ServerResponse, code: string, message: string) => json(response, 400, { code: 400, error_code: code, msg: message });
  const bearerUser = async (request: IncomingMessage) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const verified = token ? await sign().verifier().verify(token) : null;
    return verified ? (users.get(verified.userId) ?? null) : null;
  };

  const auth = async (request: IncomingMessage, response: ServerResponse, path: string, query: URLSearchParams) => {
    // The keys are public, as at Supabase; everything else needs the project's anon key.
    if (request.method === 'GET' && path === '/.well-known/jwks.json') return json(response, 200, sign().jwks);
    if (request.headers.apikey !== anonKey) return json(response, 401, { message: 'Invalid API key' });
    const body = parse(await readBody(request));
    if (request.method === 'POST' && path === '/token' && query.get('grant_type') === 'password') {
      const user = byEmail(body.email);
      if (!user || user.password !== body.password) return invalid(response, 'invalid_credentials', 'Invalid login credentials');
      counts.signedIn++;
      return json(response, 200, await session(user));
    }
    if (request.method === 'POST' && path === '/token' && query.get('grant_type') === 'refresh_token') {
      const held = refreshTokens.get(String(body.refresh_token));
      const user = held ? users.get(held.userId) : undefined;
      if (!held || !user) return invalid(response, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      refreshTokens.delete(String(body.refresh_token));
      counts.refreshed++;
      return json(response, 200, await session(user, held.sessionId));
    }
    if (request.method === 'POST' && path === '/otp') {
      const user = byEmail(body.email);
      // With sign-ups off for codes (`create_user: false`), GoTrue refuses an address it does not know.
      if (!user) return json(response, 422, { code: 422, error_code: 'otp_disabled', msg: 'Signups not allowed for otp' });
      codes.set(user.email, String(randomInt(0, 1_000_000)).padStart(6, '0'));
      return json(response, 200, {});
    }
    if (request.method === 'GET' && path === '/settings') return json(response, 200, { external: { email: true }, disable_signup: true });
    if (request.method === 'POST' && path === '/verify') {
      const user = byEmail(body.email);
      if (!user || body.type !== 'email' || codes.get(user.email) !== body.token)
        return json(response, 403, { code: 403, error_code: 'otp_expired', msg: 'Token has expired or is invalid' });
      codes.delete(user.email);
      counts.signedIn++;
      return json(response, 200, await session(user));
    }
    if (request.method === 'GET' && path === '/user') {
      const user = await bearerUser(request);
      return user ? json(response, 200, userView(user)) : json(response, 401, { code: 401, error_code: 'bad_jwt', msg: 'invalid JWT' });
    }
    if (request.method === 'POST' && path === '/logout') {
      const user = await bearerUser(request);
      if (!user) return json(response, 401, { code: 401, error_code: 'bad_jwt', msg: 'invalid JWT' });
      for (const [token, held] of refreshTokens) if (held.userId === user.id) refreshTokens.delete(token);
      counts.signedOut++;
      response.writeHead(204).end();
      return;
    }
    return json(response, 404, { code: 404, error_code: 'not_found', msg: 'Not found' });
  };

  const gateway = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const name = url.pathname.slice('/functions/v1/'.length).split('/')[0] ?? '';
    const target = functions.get(name);
    if (!target) return json(response, 404, { code: 'NOT_FOUND', message: 'Requested function was not found' });
    // Every header goes on (a webhook's signature among them), except those of this hop.
    const headers = new Headers();
    for (const [header, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'transfer-encoding', 'keep-alive'].includes(header)) headers.set(header, value);
    }
    // The whole path goes on, as Supabase's gateway passes it: a function may read its tail.
    const upstream = await fetch(new URL(`${url.pathname}${url.search}`, target), {
      method: request.method ?? 'GET',
      headers,
      ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body: await readBody(request) }),
    });
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  };

  const server: Server = createServer((request, response) => {
    if (down) {
      request.socket.destroy();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const work = url.pathname.startsWith('/auth/v1/')
      ? auth(request, response, url.pathname.slice('/auth/v1'.length), url.searchParams)
      : url.pathname.startsWith('/functions/v1/')
        ? gateway(request, response, url)
        : Promise.resolve(json(response, 404, { message: 'not found' }));
    work.catch(() => {
      if (!response.headersSent) json(response, 502, { message: 'stand-in failed' });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  signer = await createAppAuthStandIn({ projectUrl: url });

  return {
    url,
    anonKey,
    signer,
    counts,
    addUser: (user) => users.set(user.id, { ...user, email: user.email.toLowerCase() }),
    lastCodeFor: (email) => codes.get(email.toLowerCase()),
    routeFunction: (name, target) => functions.set(name, target),
    setAccessTokenTtl: (seconds) => (ttlSeconds = seconds),
    setDown: (value) => (down = value),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
