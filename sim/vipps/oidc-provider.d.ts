// oidc-provider ships JavaScript only, and its package entry prints "Unsupported runtime" on
// Node 20 as it loads. The simulator imports the three modules it needs from lib/ directly, and
// this file types just the parts it uses. The version is pinned (9.13.3); check these paths when
// it moves.

declare module 'oidc-provider/lib/provider.js' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface ClientMetadata {
    client_id: string;
    client_secret: string;
    redirect_uris: string[];
    token_endpoint_auth_method: 'client_secret_basic' | 'client_secret_post';
    grant_types: string[];
    response_types: string[];
    id_token_signed_response_alg: string;
  }

  /** The Koa context oidc-provider hands to configuration functions, as far as the simulator reads it. */
  export interface ProviderContext {
    type: string;
    body: unknown;
    oidc?: { client?: { clientId: string } };
  }

  export interface AccountClaims {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<AccountClaims>;
  }

  /** The storage interface oidc-provider's models call. */
  export interface Adapter {
    upsert(id: string, payload: object, expiresIn: number): Promise<void>;
    find(id: string): Promise<object | undefined>;
    findByUid(uid: string): Promise<object | undefined>;
    findByUserCode(userCode: string): Promise<object | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Configuration {
    adapter: (model: string) => Adapter;
    clients: ClientMetadata[];
    clientAuthMethods: string[];
    clientBasedCORS: (ctx: ProviderContext, origin: string, client: object) => boolean;
    claims: Record<string, string[] | null>;
    clockTolerance: number;
    conformIdTokenClaims: boolean;
    cookies: { keys: string[] };
    features: Record<string, { enabled: boolean }>;
    findAccount: (ctx: ProviderContext, sub: string, token?: { clientId?: string }) => Promise<Account | undefined>;
    interactions: { url: (ctx: ProviderContext, interaction: { uid: string }) => Promise<string> };
    jwks: { keys: object[] };
    pkce: { required: () => boolean };
    renderError: (ctx: ProviderContext, out: Record<string, string>, error: Error) => Promise<void>;
    responseTypes: string[];
    routes: Record<string, string>;
    scopes: string[];
    subjectTypes: string[];
    ttl: Record<string, number>;
  }

  export interface InteractionPrompt {
    name: string;
    reasons: string[];
    details: Record<string, unknown>;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: InteractionPrompt;
    /** The authorization request's parameters. */
    params: Record<string, unknown>;
    session?: { accountId: string };
    grantId?: string;
  }

  export type InteractionResult = { login: { accountId: string } } | { consent: { grantId: string } } | { error: string; error_description?: string };

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface GrantModel {
    new (properties: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export interface ProviderEvents {
    /** A token was stored; `jti` is its id in the adapter. */
    'access_token.saved': (token: { jti: string }) => void;
    /** An authorization code (or error) went back to the client: a finished login. */
    'authorization.success': () => void;
  }

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    readonly Grant: GrantModel;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResult,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on<Event extends keyof ProviderEvents>(event: Event, listener: ProviderEvents[Event]): this;
  }
}

declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  import type { Adapter } from 'oidc-provider/lib/provider.js';

  /** An in-memory store of its own per call (the package default shares one per process). */
  export function createMemoryAdapter(clockTolerance?: number): (model: string) => Adapter;
}

declare module 'oidc-provider/lib/helpers/errors.js' {
  /** The interaction cookie is missing, or the interaction or its session has expired. */
  export class SessionNotFound extends Error {
    readonly error: string;
  }
}
