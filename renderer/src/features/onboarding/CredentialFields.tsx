import { useId } from 'react';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { authKindsBySystem, type AuthKind, type RegistryConnection } from '../../../../shared/contract/integrations.ts';
import type { MemberSystem } from '../../../../shared/domain/integration.ts';
import { FormField } from '../../ui/FormField.tsx';
import type { ConnectionFormInput } from './credentials-form.ts';
import { useFieldErrorText } from './field-error.ts';

type CredentialField = 'username' | 'password' | 'clientId' | 'apiKey' | 'clientSecret';

const fieldsByKind: Record<AuthKind, readonly CredentialField[]> = {
  user_password_client: ['username', 'password', 'clientId'],
  api_key: ['apiKey'],
  client_credentials: ['clientId', 'clientSecret'],
};

// Secrets are typed like passwords, and no field is offered to the browser's autofill.
const secretFields: ReadonlySet<CredentialField> = new Set(['password', 'apiKey', 'clientSecret']);

/** The sign-in fields of the auth kind chosen, with the choice of kind where the registry takes more than one. */
export function CredentialFields({ form, system }: { form: UseFormReturn<ConnectionFormInput, unknown, RegistryConnection>; system: MemberSystem }) {
  const { t } = useTranslation('onboarding');
  const errorText = useFieldErrorText();
  const groupId = useId();
  const kinds = authKindsBySystem[system];
  const kind = useWatch({ control: form.control, name: 'credentials.kind' });
  const errors = form.formState.errors.credentials;

  return (
    <>
      {kinds.length > 1 ? (
        <fieldset className="wizard-choices">
          <legend>{t('credentials.kind')}</legend>
          {kinds.map((option) => (
            <div key={option} className="wizard-choice">
              <input id={`${groupId}-${option}`} type="radio" value={option} {...form.register('credentials.kind')} />
              <label htmlFor={`${groupId}-${option}`}>{t(`credentials.kinds.${option}`)}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      {fieldsByKind[kind].map((field) => (
        <FormField key={`${kind}-${field}`} label={t(`credentials.${field}`)} error={errorText(errors?.[field], field)}>
          {(control) => (
            <input
              {...control}
              {...form.register(`credentials.${field}`)}
              type={secretFields.has(field) ? 'password' : 'text'}
              autoComplete="off"
              spellCheck={false}
            />
          )}
        </FormField>
      ))}
      {errors?.kind ? <p className="field-error">{errorText(errors.kind, 'kind')}</p> : null}
    </>
  );
}
