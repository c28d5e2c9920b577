import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AuthKind } from '../../../../shared/contract/integrations.ts';
import { FormField } from '../../ui/FormField.tsx';
import { useInputErrorText } from './field-error-text.ts';

export type CredentialField = 'username' | 'password' | 'clientId' | 'apiKey' | 'clientSecret';

/** One credential field as its form has it: registered, with its error and its value now. */
export interface CredentialInput {
  registration: UseFormRegisterReturn;
  error: FieldError | undefined;
  value: unknown;
}

/** Each sign-in kind's fields, in the order the registry's own screens ask for them; `min` as the contract sets it. */
const FIELDS: Record<AuthKind, ReadonlyArray<{ name: CredentialField; secret: boolean; min: number }>> = {
  user_password_client: [
    { name: 'username', secret: false, min: 1 },
    { name: 'password', secret: true, min: 1 },
    { name: 'clientId', secret: false, min: 1 },
  ],
  api_key: [{ name: 'apiKey', secret: true, min: 8 }],
  client_credentials: [
    { name: 'clientId', secret: false, min: 1 },
    { name: 'clientSecret', secret: true, min: 8 },
  ],
};

/**
 * The credentials of one sign-in kind, for the settings screen and the onboarding wizard alike.
 * Secrets are password inputs, and no field offers the browser's autofill or asks it to
 * remember what was typed.
 */
export function CredentialFields({ kind, input }: { kind: AuthKind; input(name: CredentialField): CredentialInput }) {
  const { t } = useTranslation('integrations');
  const errorText = useInputErrorText();
  return (
    <>
      {FIELDS[kind].map((field) => {
        const { registration, error, value } = input(field.name);
        return (
          <FormField key={`${kind}-${field.name}`} label={t(`form.${field.name}`)} error={errorText(error, value, field.min)}>
            {(control) => <input {...control} type={field.secret ? 'password' : 'text'} autoComplete="off" spellCheck={false} {...registration} />}
          </FormField>
        );
      })}
    </>
  );
}
