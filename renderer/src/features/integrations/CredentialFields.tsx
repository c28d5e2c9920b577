import type { FieldError, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AuthKind } from '../../../../shared/contract/integrations.ts';
import { FormField } from '../../ui/FormField.tsx';
import type { ConnectionFormInput, ConnectionFormValues } from './connection-form.ts';

type CredentialField = 'username' | 'password' | 'clientId' | 'apiKey' | 'clientSecret';

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

type ConnectionFormApi = UseFormReturn<ConnectionFormInput, unknown, ConnectionFormValues>;

/** A field's problem in words: from the kind of problem, never the schema's English message. */
function useFieldErrorText() {
  const { t } = useTranslation('integrations');
  return (error: FieldError | undefined, value: unknown, min = 1): string | undefined => {
    if (!error) return undefined;
    if (error.type === 'server' && error.message) return error.message;
    if (error.type === 'too_small')
      return typeof value === 'string' && value.trim() !== '' ? t('form.errors.tooShort', { min }) : t('form.errors.required');
    if (error.type === 'too_big') return t('form.errors.tooLong');
    return t('form.errors.invalid');
  };
}

/**
 * The address and the credentials of one sign-in kind. Secrets are password inputs, and no
 * field offers the browser's autofill or asks it to remember what was typed.
 */
export function CredentialFields({ form, kind }: { form: ConnectionFormApi; kind: AuthKind }) {
  const { t } = useTranslation('integrations');
  const errorText = useFieldErrorText();
  const state = (name: `credentials.${CredentialField}` | 'baseUrl') => form.getFieldState(name, form.formState);

  return (
    <>
      <FormField label={t('form.baseUrl')} hint={t('form.baseUrlHint')} error={errorText(state('baseUrl').error, form.getValues('baseUrl'))}>
        {(control) => <input {...control} type="url" inputMode="url" autoComplete="off" spellCheck={false} {...form.register('baseUrl')} />}
      </FormField>
      {FIELDS[kind].map((field) => {
        const path = `credentials.${field.name}` as const;
        return (
          <FormField
            key={`${kind}-${field.name}`}
            label={t(`form.${field.name}`)}
            error={errorText(state(path).error, form.getValues(path), field.min)}
          >
            {(control) => (
              <input {...control} type={field.secret ? 'password' : 'text'} autoComplete="off" spellCheck={false} {...form.register(path)} />
            )}
          </FormField>
        );
      })}
    </>
  );
}
