import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider/lib/provider.js';
import { sendOAuthError } from './http-io.ts';
import { handleInteraction } from './interactions.ts';
import { providerDiscoveryPath, vippsRequestTarget } from './paths.ts';
import type { VippsClientRegistry } from './clients.ts';
import type { VippsSimStats } from './stats.ts';
import { holdToRegisteredAuthMethod } from './token-auth-method.ts';
import type { VippsUserDirectory } from './user-directory.ts';

export interface VippsRouterDeps {
  provider: Provider;
  clients: VippsClientRegistry;
  users: VippsUserDirectory;
  stats(): VippsSimStats;
}

/**
 * Sends each request on Vipps's paths to oidc-provider or to the login pages. oidc-provider's
 * routes are configured as absolute Vipps paths, so only discovery (a fixed path inside
 * oidc-provider) is rewritten; anything else is not found. Token requests are first held to the
 * client's registered auth method.
 */
export function createVippsRouter(deps: VippsRouterDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const provider = deps.provider.callback();

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const target = vippsRequestTarget(url.pathname);
    switch (target.kind) {
      case 'discovery':
        req.url = `${providerDiscoveryPath}${url.search}`;
        return provider(req, res);
      case 'token': {
        deps.stats().tokenRequests++;
        const checked = await holdToRegisteredAuthMethod(deps.clients, deps.provider.issuer, req, res);
        return checked === null ? undefined : provider(checked, res);
      }
      case 'userinfo':
        deps.stats().userinfoRequests++;
        res.once('finish', () => {
          if (res.statusCode >= 400) deps.stats().userinfoRefused++;
        });
        return provider(req, res);
      case 'provider':
        return provider(req, res);
      case 'interaction':
        return handleInteraction(deps, req, res, target.uid, target.action);
      case 'not_found':
        return sendOAuthError(res, 404, { error: 'not_found', error_description: 'No such endpoint' });
    }
  };
}
