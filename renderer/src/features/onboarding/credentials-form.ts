import { z } from 'zod';
import { AuthKind, authKindsBySystem, RegistryConnection } from '../../../../shared/contract/integrations.ts';
import { MemberSystem, type IntegrationCredentials } from '../../../../shared/domain/integration.ts';

/**
 * What the credentials step's form holds: every credential field of every auth kind, so
 * switching between Cornerstone's two kinds keeps what was typed in each. Only the chosen kind's
 * fields are sent, and the contract's `RegistryConnection` decides what is valid; its issues
 * name the same paths as these fields (`credentials.password`).
 */
const CredentialFields = z.object({
  kind: AuthKind,
  username: z.string(),
  password: z.string(),
  clientId: z.string(),
  apiKey: z.string(),
  clientSecret: z.string(),
});

export const ConnectionForm = z
  .object({ system: MemberSystem, baseUrl: z.string(), credentials: CredentialFields })
  .transform(({ system, baseUrl, credentials }) => ({ system, baseUrl, credentials: chosenCredentials(credentials) }))
  .pipe(RegistryConnection);
export type ConnectionFormInput = z.input<typeof ConnectionForm>;

function chosenCredentials(fields: z.output<typeof CredentialFields>): IntegrationCredentials {
  switch (fields.kind) {
    case 'api_key':
      return { kind: 'api_key', apiKey: fields.apiKey };
    case 'user_password_client':
      return { kind: 'user_password_client', username: fields.username, password: fields.password, clientId: fields.clientId };
    case 'client_credentials':
      return { kind: 'client_credentials', clientId: fields.clientId, clientSecret: fields.clientSecret };
  }
}

/** A blank form for a system, its first auth kind chosen. */
export function blankConnection(system: MemberSystem): ConnectionFormInput {
  return {
    system,
    baseUrl: '',
    credentials: { kind: authKindsBySystem[system][0], username: '', password: '', clientId: '', apiKey: '', clientSecret: '' },
  };
}

/** The form filled in from a connection (the demo registry's). */
export function connectionFormFrom(connection: RegistryConnection): ConnectionFormInput {
  const blank = blankConnection(connection.system);
  return { system: connection.system, baseUrl: connection.baseUrl, credentials: { ...blank.credentials, ...connection.credentials } };
}

/**
 * Whether two fillings of the form hold the same values, field by field. A test counts only for
 * the values it tried: change any field and it must be run again (see `draft-store.ts`).
 */
export function sameConnection(a: ConnectionFormInput, b: ConnectionFormInput): boolean {
  return (
    a.system === b.system &&
    a.baseUrl === b.baseUrl &&
    (Object.keys(a.credentials) as Array<keyof ConnectionFormInput['credentials']>).every((field) => a.credentials[field] === b.credentials[field])
  );
}

/** The form's values as the draft keeps them: its own object, which the form's later edits do not reach. */
export function draftOf(values: ConnectionFormInput): ConnectionFormInput {
  return { system: values.system, baseUrl: values.baseUrl, credentials: { ...values.credentials } };
}
