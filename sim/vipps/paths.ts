/**
 * Vipps MobilePay Login's path layout (apitest.vipps.no): the OIDC issuer lives under
 * `/access-management-1.0/access/`, but userinfo is a separate API outside it.
 */
export const issuerPath = '/access-management-1.0/access/';

const issuerBase = issuerPath.slice(0, -1);

/** oidc-provider's route table, as absolute paths, so the URLs it prints are Vipps's. */
export const vippsRoutes = {
  authorization: `${issuerBase}/oauth2/auth`,
  token: `${issuerBase}/oauth2/token`,
  jwks: `${issuerBase}/.well-known/jwks.json`,
  userinfo: '/vipps-userinfo-api/userinfo/',
} as const;

export const discoveryPath = `${issuerBase}/.well-known/openid-configuration`;

/** oidc-provider serves discovery at this fixed path only, relative to where it is mounted. */
export const providerDiscoveryPath = '/.well-known/openid-configuration';

export const interactionPrefix = '/interaction/';

export type InteractionAction = 'login' | 'confirm' | 'abort';

export type VippsRequestTarget =
  | { kind: 'discovery' }
  | { kind: 'token' }
  | { kind: 'userinfo' }
  /** Authorization, its resume step, and the JWKS. */
  | { kind: 'provider' }
  | { kind: 'interaction'; uid: string; action: InteractionAction | null }
  | { kind: 'not_found' };

const interactionActions: readonly InteractionAction[] = ['login', 'confirm', 'abort'];

function isInteractionAction(segment: string): segment is InteractionAction {
  return (interactionActions as readonly string[]).includes(segment);
}

// oidc-provider's interaction uids are nanoids.
const uidPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** What a request path is for. Paths Vipps does not have (oidc-provider's own defaults among them) are not found. */
export function vippsRequestTarget(pathname: string): VippsRequestTarget {
  switch (pathname) {
    case discoveryPath:
      return { kind: 'discovery' };
    case vippsRoutes.token:
      return { kind: 'token' };
    case vippsRoutes.userinfo:
      return { kind: 'userinfo' };
    case vippsRoutes.authorization:
    case vippsRoutes.jwks:
      return { kind: 'provider' };
  }
  if (pathname.startsWith(`${vippsRoutes.authorization}/`)) {
    return uidPattern.test(pathname.slice(vippsRoutes.authorization.length + 1)) ? { kind: 'provider' } : { kind: 'not_found' };
  }
  if (pathname.startsWith(interactionPrefix)) {
    const [uid = '', action, ...rest] = pathname.slice(interactionPrefix.length).split('/');
    if (!uidPattern.test(uid) || rest.length > 0) return { kind: 'not_found' };
    if (action === undefined) return { kind: 'interaction', uid, action: null };
    return isInteractionAction(action) ? { kind: 'interaction', uid, action } : { kind: 'not_found' };
  }
  return { kind: 'not_found' };
}
