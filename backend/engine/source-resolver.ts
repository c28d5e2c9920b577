import { z } from 'zod';
import type { Db } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import type { CredentialBox } from '../crypto/credential-box.ts';
import { AppError } from '../../shared/domain/errors.ts';
import type { MemberSource } from '../adapters/member-source.ts';
import { createCornerstoneSource } from '../adapters/cornerstone/client.ts';
import { createConsioSource } from '../adapters/consio/client.ts';
import type { IntegrationCredentials } from '../../shared/domain/integration.ts';
import type { RegistryConnection } from '../../shared/contract/integrations.ts';
import { apiKeyAuth, userPasswordClientAuth } from '../adapters/cornerstone/auth.ts';

const IntegrationRow = z.object({
  system: z.enum(['cornerstone', 'consio']),
  base_url: z.string(),
  ciphertext: z.string().nullable(),
  key_id: z.string().nullable(),
});

/** The adapter for an integration, built on demand: how the engine reaches a registry. */
export type SourceResolver = (integrationId: string) => Promise<MemberSource>;

export interface ResolverOptions {
  fetch?: typeof fetch;
  allowLoopbackHttp?: boolean;
  /**
   * Members per registry page (1–1000). Larger pages mean fewer round trips and slices; the
   * Edge Function uses 1000. Default: each adapter's own (Cornerstone 500, Consio 1000).
   */
  pageSize?: number;
  /** Per registry request, login included. Default: each adapter's own (15 s). */
  timeoutMs?: number;
}

/**
 * The saved credentials are missing or cannot be opened with this host's key: they must be
 * entered again. Still `source_auth_failed` to a run; a connection test names it apart, since
 * the registry never saw them.
 */
export class CredentialsUnavailable extends AppError {
  constructor(message: string) {
    super('source_auth_failed', message, 'org_admin');
  }
}

/** Builds the adapter for an integration, decrypting its credentials only in memory, only here. */
export function createSourceResolver(db: Db, box: CredentialBox, options: ResolverOptions = {}): SourceResolver {
  return async (integrationId): Promise<MemberSource> => {
    const row = await asCaller(db, { kind: 'service' }, async (tx) => {
      const { rows } = await tx.query(
        `select i.system, i.base_url, c.ciphertext, c.key_id
           from sync.integrations i
           left join sync.integration_credentials c on c.integration_id = i.id
          where i.id = $1`,
        [integrationId],
      );
      return rows[0] ? IntegrationRow.parse(rows[0]) : null;
    });
    if (!row) throw new AppError('not_found', 'The integration no longer exists.', 'org_admin');
    if (!row.ciphertext || !row.key_id) {
      throw new CredentialsUnavailable('No credentials are saved for this integration. Enter them in the integration settings.');
    }
    const credentials = await box.open({ ciphertext: row.ciphertext, keyId: row.key_id }).catch(() => {
      // The key changed (a new keychain, a reinstall): the saved credentials cannot be read back.
      throw new CredentialsUnavailable(
        'The saved credentials for this integration can no longer be read on this computer. Enter them again in the integration settings.',
      );
    });
    return buildSource(row.system, row.base_url, credentials, options);
  };
}

/**
 * An adapter for credentials that are not saved (yet): what a connection test from a form
 * talks to. The same rules as for saved ones, including where plain http is allowed.
 */
export function connectRegistry(connection: RegistryConnection, options: ResolverOptions = {}): MemberSource {
  return buildSource(connection.system, connection.baseUrl, connection.credentials, options);
}

/** Each registry takes the credential kinds it supports; any other pairing is a setup mistake to fix. */
function buildSource(system: 'cornerstone' | 'consio', baseUrl: string, credentials: IntegrationCredentials, options: ResolverOptions): MemberSource {
  const common = {
    baseUrl,
    allowLoopbackHttp: options.allowLoopbackHttp === true,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
  if (system === 'consio') {
    if (credentials.kind !== 'client_credentials') {
      throw new AppError('source_auth_failed', 'Consio needs a client id and client secret. Enter them in the integration settings.', 'org_admin');
    }
    return createConsioSource({
      ...common,
      auth: { clientId: credentials.clientId, clientSecret: credentials.clientSecret },
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    });
  }
  if (credentials.kind === 'client_credentials') {
    throw new AppError(
      'source_auth_failed',
      'Cornerstone needs an API key, or a username, password and client id. Enter them in the integration settings.',
      'org_admin',
    );
  }
  const auth =
    credentials.kind === 'api_key'
      ? apiKeyAuth(credentials.apiKey)
      : userPasswordClientAuth({ username: credentials.username, password: credentials.password, clientId: credentials.clientId });
  return createCornerstoneSource({ ...common, auth, ...(options.pageSize ? { pageSize: options.pageSize } : {}) });
}
