import type { ClientMetadata } from 'oidc-provider/lib/provider.js';

export type VippsTokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** A merchant's Login client (one sales unit's `client_id`), as the portal sets it up. */
export interface VippsSimClient {
  clientId: string;
  clientSecret: string;
  /** Matched exactly, as Vipps does. */
  redirectUris: string[];
  /** Vipps's default is `client_secret_basic`; the portal can switch a client to `client_secret_post`. */
  tokenEndpointAuthMethod?: VippsTokenEndpointAuthMethod;
  /** Whether the merchant has been given access to `nin`. Default true. */
  ninAllowed?: boolean;
}

/** The registered clients: oidc-provider's metadata, and which of them may receive `nin`. */
export class VippsClientRegistry {
  readonly metadata: ClientMetadata[];
  readonly #ninAllowed = new Map<string, boolean>();
  readonly #authMethods = new Map<string, VippsTokenEndpointAuthMethod>();

  constructor(clients: readonly VippsSimClient[]) {
    for (const client of clients) {
      if (this.#ninAllowed.has(client.clientId)) throw new Error(`Vipps simulator: client ${client.clientId} is registered twice`);
      this.#ninAllowed.set(client.clientId, client.ninAllowed ?? true);
      this.#authMethods.set(client.clientId, client.tokenEndpointAuthMethod ?? 'client_secret_basic');
    }
    this.metadata = clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: [...client.redirectUris],
      token_endpoint_auth_method: this.authMethod(client.clientId) ?? 'client_secret_basic',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
    }));
  }

  /** The one method the client may use at the token endpoint; undefined for an unknown client. */
  authMethod(clientId: string): VippsTokenEndpointAuthMethod | undefined {
    return this.#authMethods.get(clientId);
  }

  /** False for an unknown client, so nothing is released by mistake. */
  ninAllowed(clientId: string | undefined): boolean {
    return clientId !== undefined && this.#ninAllowed.get(clientId) === true;
  }
}
