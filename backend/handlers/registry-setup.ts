import type { CredentialBox } from '../crypto/credential-box.ts';
import type { MemberSource } from '../adapters/member-source.ts';
import type { RegistryConnection } from '../../shared/contract/integrations.ts';
import { connectRegistry } from '../engine/source-resolver.ts';

/** What a host gives the handlers that set integrations up: sealing, reaching a registry, and its webhook address. */
export interface RegistrySetup {
  /** Seals credentials and webhook secrets before they are stored; the key is the host's, outside the database. */
  box: CredentialBox;
  /** An adapter for credentials typed into a form, by this host's rules for where it may connect. */
  connect(connection: RegistryConnection, options: { timeoutMs: number }): MemberSource;
  /** Where Cornerstone must send an integration's webhooks; null where this host receives none. */
  webhookUrl(integrationId: string): string | null;
  /** How long a connection test may take before it is a timeout. Default 10 s (`CONNECTION_TEST_DEADLINE_MS`). */
  testDeadlineMs?: number;
}

export interface RegistrySetupOptions {
  /** Plain http to this machine: only in a host that runs the simulators itself (the embedded demo, tests). */
  allowLoopbackHttp?: boolean;
  /** The webhook receiver's address up to the integration id, e.g. `https://<project>.supabase.co/functions/v1/cornerstone-webhook`. */
  webhookBaseUrl?: string | null;
  fetch?: typeof fetch;
  testDeadlineMs?: number;
}

export function createRegistrySetup(box: CredentialBox, options: RegistrySetupOptions = {}): RegistrySetup {
  const base = options.webhookBaseUrl ? options.webhookBaseUrl.replace(/\/+$/, '') : null;
  return {
    box,
    connect: (connection, { timeoutMs }) =>
      connectRegistry(connection, {
        allowLoopbackHttp: options.allowLoopbackHttp === true,
        timeoutMs,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    webhookUrl: (integrationId) => (base === null ? null : `${base}/${integrationId}`),
    ...(options.testDeadlineMs ? { testDeadlineMs: options.testDeadlineMs } : {}),
  };
}
