import type { z } from 'zod';
import { UpdateIntegrationInput, authKindsBySystem, type AuthKind } from '../../../../shared/contract/integrations.ts';
import type { MemberSystem } from '../../../../shared/domain/integration.ts';
import type { AppErrorPayload } from '../../../../shared/domain/errors.ts';
import { ApiError } from '../../api/client.ts';

/** New credentials and the address they are for: the contract's own `connection` of integrations.update. */
export const ConnectionForm = UpdateIntegrationInput.shape.connection.unwrap();
export type ConnectionFormInput = z.input<typeof ConnectionForm>;
export type ConnectionFormValues = z.output<typeof ConnectionForm>;

/** The sign-in kinds a registry takes, in the order the form offers them. */
export const authKindsFor = (system: MemberSystem): readonly AuthKind[] => authKindsBySystem[system];

/** An empty form for one sign-in kind: what the form starts from, and returns to after saving or leaving. */
export function emptyConnection(baseUrl: string, kind: AuthKind): ConnectionFormInput {
  switch (kind) {
    case 'api_key':
      return { baseUrl, credentials: { kind, apiKey: '' } };
    case 'user_password_client':
      return { baseUrl, credentials: { kind, username: '', password: '', clientId: '' } };
    case 'client_credentials':
      return { baseUrl, credentials: { kind, clientId: '', clientSecret: '' } };
  }
}

/** The kind the form starts with: the saved one where this registry takes it, else the registry's first. */
export function startingKind(system: MemberSystem, saved: AuthKind): AuthKind {
  const kinds = authKindsFor(system);
  return kinds.includes(saved) ? saved : (kinds[0] ?? saved);
}

/** What saving new credentials did: saved (and whether it queued the first full sync), or nothing saved and why. */
export type SaveOutcome = { saved: true; queued: boolean } | { saved: false; error: AppErrorPayload | null };

type FormField = 'baseUrl' | `credentials.${'username' | 'password' | 'clientId' | 'apiKey' | 'clientSecret'}`;
const FORM_FIELDS: readonly string[] = [
  'baseUrl',
  'credentials.username',
  'credentials.password',
  'credentials.clientId',
  'credentials.apiKey',
  'credentials.clientSecret',
] satisfies FormField[];

/**
 * The fields the backend refused (`connection.credentials.password`), as this form names them
 * (`credentials.password`), each with the words to show beside it.
 */
export function serverFieldIssues(error: unknown, message: string): Array<[FormField, string]> {
  if (!(error instanceof ApiError) || error.payload.code !== 'invalid_input') return [];
  return (error.payload.issues ?? [])
    .map((issue) => issue.path.replace(/^connection\./, ''))
    .filter((path): path is FormField => FORM_FIELDS.includes(path))
    .map((path) => [path, message]);
}
