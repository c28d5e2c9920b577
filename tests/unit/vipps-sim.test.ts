import { createRemoteJWKSet, jwtVerify } from 'jose';
import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  ClientSecretBasic,
  discovery,
  randomPKCECodeVerifier,
  randomState,
  ResponseBodyError,
} from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mulberry32 } from '../../sim/cornerstone/prng.ts';
import { syntheticFodselsnummer, type LegalSex } from '../../sim/shared/synthetic-fnr.ts';
import { completeVippsAuthorization } from '../../sim/vipps/login-browser.ts';
import { VippsLoginError, VippsLoginRefused, vippsLogin, type VippsLoginOptions } from '../../sim/vipps/member-login.ts';
import { loginPage } from '../../sim/vipps/pages.ts';
import { startVippsSim, type VippsSim, type VippsTestUser } from '../../sim/vipps/server.ts';

const rng = mulberry32(20_260_301);

/** A test user with a synthetic fødselsnummer (month + 80), so no real person's number appears. */
function testUser(phoneNumber: string, givenName: string, birthDate: string, sex: LegalSex): VippsTestUser {
  const [y = 0, m = 0, d = 0] = birthDate.split('-').map(Number);
  return {
    phoneNumber,
    nin: syntheticFodselsnummer({ y, m, d }, rng, sex),
    givenName,
    familyName: 'Testesen',
    birthDate,
    email: `${givenName.toLowerCase()}@example.org`,
  };
}

// The simulator's clock: noon in Oslo on 1 March 2026.
const simNow = new Date('2026-03-01T11:00:00Z');
const adult = testUser('4740000001', 'Kari', '1980-05-17', 'female');
// 15 today: old enough.
const fifteenToday = testUser('4740000002', 'Ola', '2011-03-01', 'male');
// 15 tomorrow: still too young.
const fourteen = testUser('4740000003', 'Per', '2011-03-02', 'male');

const redirectUri = 'http://127.0.0.1:9/vipps/callback';
const clients = {
  basic: { clientId: 'sales-unit-basic', clientSecret: 'basic-secret-0123456789', redirectUris: [redirectUri] },
  post: {
    clientId: 'sales-unit-post',
    clientSecret: 'post-secret-0123456789',
    redirectUris: [redirectUri],
    tokenEndpointAuthMethod: 'client_secret_post',
  },
  noNin: { clientId: 'sales-unit-no-nin', clientSecret: 'no-nin-secret-0123456789', redirectUris: [redirectUri], ninAllowed: false },
} as const;

const Discovery = z.looseObject({
  issuer: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  jwks_uri: z.string(),
  userinfo_endpoint: z.string(),
  token_endpoint_auth_methods_supported: z.array(z.string()),
  code_challenge_methods_supported: z.array(z.string()),
  scopes_supported: z.array(z.string()),
  response_types_supported: z.array(z.string()),
  grant_types_supported: z.array(z.string()),
  id_token_signing_alg_values_supported: z.array(z.string()),
});
const Jwks = z.object({ keys: z.array(z.looseObject({ kty: z.string(), alg: z.string(), kid: z.string() })) });
const Userinfo = z.looseObject({ sub: z.string(), nin: z.string().optional(), name: z.string().optional(), phone_number: z.string().optional() });

async function userinfo(sim: VippsSim, accessToken: string): Promise<Response> {
  return fetch(sim.userinfoUrl, { headers: { authorization: `Bearer ${accessToken}` } });
}

describe('Vipps Login simulator', () => {
  let sim: VippsSim;

  function login(client: (typeof clients)[keyof typeof clients], phoneNumber: string, extra: Partial<VippsLoginOptions> = {}) {
    return vippsLogin({
      issuer: sim.issuer,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      redirectUri,
      phoneNumber,
      ...('tokenEndpointAuthMethod' in client ? { tokenEndpointAuthMethod: client.tokenEndpointAuthMethod } : {}),
      ...extra,
    });
  }

  beforeAll(async () => {
    sim = await startVippsSim({
      clients: Object.values(clients).map((client) => ({ ...client, redirectUris: [...client.redirectUris] })),
      users: [adult, fifteenToday, fourteen],
      now: () => simNow,
    });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('publishes Vipps paths, both token auth methods, S256 and the Login scopes in discovery', async () => {
    const response = await fetch(sim.discoveryUrl);
    expect(response.status).toBe(200);
    const metadata = Discovery.parse(await response.json());

    expect(sim.discoveryUrl).toBe(`${sim.url}/access-management-1.0/access/.well-known/openid-configuration`);
    expect(metadata.issuer).toBe(`${sim.url}/access-management-1.0/access/`);
    expect(metadata.authorization_endpoint).toBe(`${sim.url}/access-management-1.0/access/oauth2/auth`);
    expect(metadata.token_endpoint).toBe(`${sim.url}/access-management-1.0/access/oauth2/token`);
    expect(metadata.jwks_uri).toBe(`${sim.url}/access-management-1.0/access/.well-known/jwks.json`);
    expect(metadata.userinfo_endpoint).toBe(`${sim.url}/vipps-userinfo-api/userinfo/`);
    expect(sim.userinfoUrl).toBe(metadata.userinfo_endpoint);
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(['client_secret_basic', 'client_secret_post']);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect([...metadata.scopes_supported].sort()).toEqual(['address', 'birthDate', 'email', 'name', 'nin', 'openid', 'phoneNumber']);
    expect(metadata.response_types_supported).toEqual(['code']);
    // No refresh tokens at Vipps.
    expect(metadata.grant_types_supported).toEqual(['authorization_code']);
    expect(metadata.id_token_signing_alg_values_supported).toContain('RS256');
  });

  it('serves only public RS256 keys, and nothing on paths Vipps does not have', async () => {
    const jwks = await (await fetch(`${sim.issuer}.well-known/jwks.json`)).json();
    const { keys } = Jwks.parse(jwks);
    expect(keys.map((key) => [key.kty, key.alg])).toEqual([['RSA', 'RS256']]);
    expect(keys[0]).not.toHaveProperty('d');

    for (const path of ['/.well-known/openid-configuration', '/access-management-1.0/access/userinfo', '/me', '/interaction/x/unknown']) {
      expect((await fetch(`${sim.url}${path}`)).status, path).toBe(404);
    }
  });

  it.each([
    ['client_secret_basic', clients.basic],
    ['client_secret_post', clients.post],
  ] as const)('logs a member in (%s); userinfo carries nin, the ID token does not', async (_method, client) => {
    const before = sim.stats;
    const result = await login(client, '+47 400 00 001');

    expect(result.sub).toBe(sim.subFor(adult.phoneNumber));
    expect(result.idTokenClaims.sub).toBe(result.sub);
    expect(result.idTokenClaims.iss).toBe(sim.issuer);
    expect(result.idTokenClaims).not.toHaveProperty('nin');

    const response = await userinfo(sim, result.accessToken);
    expect(response.status).toBe(200);
    const claims = Userinfo.parse(await response.json());
    expect(claims.sub).toBe(result.idTokenClaims.sub);
    expect(claims.nin).toBe(adult.nin);
    expect(claims.name).toBe('Kari Testesen');
    expect(claims.phone_number).toBe('4740000001');

    const after = sim.stats;
    expect(after.logins - before.logins).toBe(1);
    expect(after.tokenRequests - before.tokenRequests).toBe(1);
    expect(after.userinfoRequests - before.userinfoRequests).toBe(1);
  });

  it('gives the same member the same sub on every login, and another sales unit another sub', async () => {
    const first = await login(clients.basic, '40000001');
    const second = await login(clients.basic, '4740000001');
    expect(second.sub).toBe(first.sub);

    const otherUnit = await startVippsSim({
      clients: [{ ...clients.basic, redirectUris: [redirectUri] }],
      users: [adult],
      salesUnit: 'another-sales-unit',
    });
    try {
      expect(otherUnit.subFor(adult.phoneNumber)).not.toBe(first.sub);
    } finally {
      await otherUnit.close();
    }
  });

  it.each([
    ['client_secret_basic', clients.basic, 'client_secret_post'],
    ['client_secret_post', clients.post, 'client_secret_basic'],
  ] as const)('holds a %s client to its registered auth method', async (_registered, client, other) => {
    const refusal = await login(client, adult.phoneNumber, { tokenEndpointAuthMethod: other }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(VippsLoginRefused);
    expect(refusal).toMatchObject({ endpoint: 'token', error: 'invalid_client' });
  });

  it('answers a declined consent with access_denied and issues no token', async () => {
    const before = sim.stats;
    const refusal = await login(clients.basic, adult.phoneNumber, { consent: 'deny' }).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(VippsLoginRefused);
    expect(refusal).toMatchObject({ endpoint: 'authorization', error: 'access_denied' });
    const after = sim.stats;
    expect(after.refusedLogins - before.refusedLogins).toBe(1);
    expect(after.logins).toBe(before.logins);
    expect(after.tokenRequests).toBe(before.tokenRequests);
  });

  it('refuses a member under 15 at the simulator’s now, and lets one who is 15 today in', async () => {
    expect(sim.initialUsers).toEqual({ added: 3, refusedUnder15: 1, invalid: 0 });

    const refusal = await login(clients.basic, fourteen.phoneNumber).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(VippsLoginRefused);
    if (!(refusal instanceof VippsLoginRefused)) return;
    expect(refusal.error).toBe('access_denied');
    expect(refusal.errorDescription).toMatch(/under 15/);

    const allowed = await login(clients.basic, fifteenToday.phoneNumber);
    expect(allowed.sub).toBe(sim.subFor(fifteenToday.phoneNumber));
  });

  it('reports users left out or too young when they are added, and never throws', () => {
    const child = testUser('4740000004', 'Lise', '2016-06-30', 'female');
    const broken = { ...testUser('4740000005', 'Nils', '1990-01-01', 'male'), birthDate: '1990-02-30' };
    const badPhone = { ...testUser('12', 'Eva', '1990-01-01', 'female') };

    expect(sim.addUsers([child, broken, badPhone])).toEqual({ added: 1, refusedUnder15: 1, invalid: 2 });
    expect(sim.subFor(child.phoneNumber)).not.toBeNull();
    expect(sim.subFor(broken.phoneNumber)).toBeNull();
  });

  it('fails the login, without an OAuth error, for a phone number Vipps does not know', async () => {
    const failure = await login(clients.basic, '4749999999').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(VippsLoginError);
    expect(failure).not.toBeInstanceOf(VippsLoginRefused);
  });

  it('withholds nin from a client without access to it', async () => {
    const result = await login(clients.noNin, adult.phoneNumber);
    const claims = Userinfo.parse(await (await userinfo(sim, result.accessToken)).json());

    expect(claims.sub).toBe(result.sub);
    expect(claims.name).toBe('Kari Testesen');
    expect(claims).not.toHaveProperty('nin');
  });

  it('refuses userinfo with a forged token, and with every token after revokeAll', async () => {
    const before = sim.stats;
    const forged = await userinfo(sim, 'not-a-token-Ab3dEf9hIjKlMnOpQrStUvWxYz0123456789');
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toMatch(/^Bearer /);

    const first = await login(clients.basic, adult.phoneNumber);
    const second = await login(clients.post, adult.phoneNumber);
    expect((await userinfo(sim, first.accessToken)).status).toBe(200);

    await sim.revokeAll();
    expect((await userinfo(sim, first.accessToken)).status).toBe(401);
    expect((await userinfo(sim, second.accessToken)).status).toBe(401);

    const after = sim.stats;
    expect(after.userinfoRefused - before.userinfoRefused).toBe(3);

    const fresh = await login(clients.basic, adult.phoneNumber);
    expect((await userinfo(sim, fresh.accessToken)).status).toBe(200);
  });

  it('refuses a replayed code with invalid_grant and signs ID tokens with its published RS256 key', async () => {
    const config = await discovery(new URL(sim.issuer), clients.basic.clientId, undefined, ClientSecretBasic(clients.basic.clientSecret), {
      execute: [allowInsecureRequests],
    });
    const codeVerifier = randomPKCECodeVerifier();
    const state = randomState();
    const authorizationUrl = buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid nin',
      code_challenge: await calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
    });
    const callbackUrl = await completeVippsAuthorization({ authorizationUrl, redirectUri, phoneNumber: adult.phoneNumber, consent: 'accept' });
    const checks = { pkceCodeVerifier: codeVerifier, expectedState: state, idTokenExpected: true };

    const tokens = await authorizationCodeGrant(config, callbackUrl, checks);
    const idToken = z.string().parse(tokens.id_token);
    const { protectedHeader } = await jwtVerify(idToken, createRemoteJWKSet(new URL(`${sim.issuer}.well-known/jwks.json`)), {
      issuer: sim.issuer,
      audience: clients.basic.clientId,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(tokens.expires_in).toBe(600);
    expect(tokens).not.toHaveProperty('refresh_token');

    const replay = await authorizationCodeGrant(config, callbackUrl, checks).catch((error: unknown) => error);
    expect(replay).toBeInstanceOf(ResponseBodyError);
    expect(replay).toMatchObject({ error: 'invalid_grant' });
    // A replayed code also revokes what the code was exchanged for.
    expect((await userinfo(sim, tokens.access_token)).status).toBe(401);
  });

  it('resets every connection while down, and answers again once up', async () => {
    const before = sim.stats;
    sim.setDown(true);
    try {
      // A connection error at once, not a wait for a timeout.
      await expect(fetch(sim.discoveryUrl, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow('fetch failed');
      await expect(login(clients.basic, adult.phoneNumber, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
      expect(sim.stats.droppedConnections).toBeGreaterThan(before.droppedConnections);
    } finally {
      sim.setDown(false);
    }
    expect((await fetch(sim.discoveryUrl)).status).toBe(200);
  });

  it('stops a login when its signal aborts', async () => {
    sim.setLatency(1_000);
    try {
      const started = performance.now();
      await expect(login(clients.basic, adult.phoneNumber, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
      expect(performance.now() - started).toBeLessThan(900);
    } finally {
      sim.setLatency(0);
    }
  });

  it('delays every answer by the latency set', async () => {
    sim.setLatency(120);
    try {
      const started = performance.now();
      await (await fetch(sim.discoveryUrl)).text();
      expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    } finally {
      sim.setLatency(0);
    }
  });
});

describe('Vipps simulator login page', () => {
  it('escapes what it echoes', () => {
    const html = loginPage({ uid: 'abc', phoneNumber: '"><script>alert(1)</script>', error: '<b>nope</b>' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
  });
});
