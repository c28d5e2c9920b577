import { SourceError, type MemberSource } from '../adapters/member-source.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { CredentialsUnavailable } from './source-resolver.ts';
import type { IntegrationCredentials } from '../../shared/domain/integration.ts';
import type { ConnectionProblem, ConnectionTestResult } from '../../shared/contract/integrations.ts';

type CredentialKind = IntegrationCredentials['kind'];

/** A refusal that does not say which credential was wrong names the one the admin entered. */
const refusedCredential: Record<CredentialKind, ConnectionProblem> = {
  api_key: 'wrong_api_key',
  user_password_client: 'wrong_password',
  client_credentials: 'wrong_client_secret',
};

function problemOf(error: SourceError | AppError, kind: CredentialKind, stage: 'address' | 'exchange'): ConnectionProblem {
  if (error instanceof CredentialsUnavailable) return 'credentials_unavailable';
  if (error instanceof SourceError && error.refusal !== null) {
    return error.refusal === 'client_rejected' ? 'wrong_client_secret' : error.refusal;
  }
  switch (error.code) {
    case 'source_auth_failed':
      return refusedCredential[kind];
    case 'source_unreachable':
      return stage === 'address' ? 'invalid_address' : 'unreachable';
    case 'source_timeout':
      return 'timeout';
    case 'source_rate_limited':
      return 'rate_limited';
    case 'source_server_error':
      return 'server_error';
    default:
      return 'bad_response';
  }
}

export interface ConnectionTestOptions {
  /** The hard deadline: the answer comes by then, whatever the registry does. */
  deadlineMs: number;
  /** The kind of credentials tried, so a bare "unauthorized" names the right field. */
  credentialKind: CredentialKind;
  now?: () => number;
}

/**
 * Asks a registry who it is and how many members it holds, within a hard deadline. A refusal
 * is an answer, not an error: it says which problem it is and who must act. Only our own faults
 * (not a SourceError or AppError) are thrown. `open` builds the adapter; an address it refuses
 * is a problem of its own.
 */
export async function runConnectionTest(
  open: () => Promise<MemberSource> | MemberSource,
  options: ConnectionTestOptions,
): Promise<ConnectionTestResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const elapsed = () => Math.max(0, Math.round(now() - started));
  let stage: 'address' | 'exchange' = 'address';
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const seconds = Math.round(options.deadlineMs / 1000);
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const timeout = new SourceError('source_timeout', `The registry did not answer within ${seconds} seconds.`, {
        actor: 'vendor',
        retryable: true,
      });
      controller.abort(timeout);
      reject(timeout);
    }, options.deadlineMs);
  });
  // Raced more than once; a deadline passing between the races must not go unhandled.
  deadline.catch(() => undefined);
  try {
    // Opening counts against the deadline too: for saved credentials it reads and decrypts them.
    const source = await Promise.race([open(), deadline]);
    stage = 'exchange';
    const check = await Promise.race([source.testConnection(controller.signal), deadline]);
    return {
      outcome: 'connected',
      organizationName: check.organizationName,
      memberCount: check.memberCount,
      // We receive webhooks from Cornerstone only; a Consio that could send them is polled all the same.
      webhooksAvailable: source.system === 'cornerstone' && check.webhooksAvailable,
      elapsedMs: elapsed(),
    };
  } catch (error) {
    if (!(error instanceof SourceError) && !(error instanceof AppError)) throw error;
    return {
      outcome: 'failed',
      problem: problemOf(error, options.credentialKind, stage),
      code: error.code,
      actor: error.actor,
      message: error.message,
      elapsedMs: elapsed(),
    };
  } finally {
    clearTimeout(timer);
  }
}
