import type { Adapter, Configuration } from 'oidc-provider/lib/provider.js';
import { vippsAccountClaims, vippsClaimsByScope, vippsScopes } from './claims.ts';
import type { VippsClientRegistry } from './clients.ts';
import { errorPage } from './pages.ts';
import { interactionPrefix, vippsRoutes } from './paths.ts';
import type { VippsUserDirectory } from './user-directory.ts';

/** Vipps: "The access token expires after 10 minutes." */
export const accessTokenTtlSeconds = 600;

/** oidc-provider's default; also the in-memory store's grace period. */
export const clockToleranceSeconds = 15;

export interface VippsProviderSetup {
  clients: VippsClientRegistry;
  users: VippsUserDirectory;
  signingKey: object;
  /** Signs oidc-provider's cookies. */
  cookieKey: string;
  adapter: (model: string) => Adapter;
}

/** oidc-provider configured as Vipps Login behaves: code flow with PKCE, no refresh tokens, `nin` only from userinfo. */
export function vippsProviderConfiguration(setup: VippsProviderSetup): Configuration {
  return {
    adapter: setup.adapter,
    clients: setup.clients.metadata,
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    // Browsers never call the simulator cross-origin; the relying party does, from its server.
    clientBasedCORS: () => false,
    claims: vippsClaimsByScope,
    clockTolerance: clockToleranceSeconds,
    // Scope claims go to userinfo only; the ID token carries `sub`, as at Vipps.
    conformIdTokenClaims: true,
    cookies: { keys: [setup.cookieKey] },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      resourceIndicators: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      userinfo: { enabled: true },
    },
    async findAccount(ctx, sub, token) {
      const account = setup.users.bySub(sub);
      if (account === undefined) return undefined;
      const ninAllowed = setup.clients.ninAllowed(ctx.oidc?.client?.clientId ?? token?.clientId);
      return { accountId: sub, claims: async () => vippsAccountClaims(account, ninAllowed) };
    },
    interactions: { url: async (_ctx, interaction) => `${interactionPrefix}${interaction.uid}` },
    jwks: { keys: [setup.signingKey] },
    pkce: { required: () => true },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage('Vipps Login error (simulator)', [out.error, out.error_description].filter(Boolean).join(': '));
    },
    responseTypes: ['code'],
    routes: { ...vippsRoutes },
    // No offline_access: Vipps issues no refresh tokens.
    scopes: [...vippsScopes],
    subjectTypes: ['public'],
    // Every lifetime set, so oidc-provider prints no notices about its defaults. Only the access
    // token's is a Vipps fact; the rest only need to outlive one login.
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      AuthorizationCode: 60,
      BackchannelAuthenticationRequest: 600,
      ClientCredentials: 600,
      DeviceCode: 600,
      Grant: 3600,
      IdToken: 3600,
      Interaction: 600,
      PreAuthorizedCode: 600,
      RefreshToken: 600,
      Session: 3600,
    },
  };
}
