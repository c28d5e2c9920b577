import { useEffect, useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { authKindsBySystem, type RegistryConnection } from '../../../../shared/contract/integrations.ts';
import type { MemberSystem } from '../../../../shared/domain/integration.ts';
import { Button } from '../../ui/Button.tsx';
import { FormField } from '../../ui/FormField.tsx';
import { useAnnounceTestResult } from '../integrations/announce-test-result.ts';
import { AuthKindChoice } from '../integrations/AuthKindChoice.tsx';
import { ConnectionTestOutcome } from '../integrations/ConnectionTestOutcome.tsx';
import { CredentialFields, type CredentialField } from '../integrations/CredentialFields.tsx';
import { useTestConnection } from '../integrations/queries.ts';
import { blankConnection, ConnectionForm, type ConnectionFormInput } from './credentials-form.ts';
import { DemoRegistryFill } from './DemoRegistryFill.tsx';
import { onboardingDraft, useConnectionDraft, useConnectionRefused, useConnectionTest } from './draft-store.ts';
import { useFieldErrorText } from './field-error.ts';
import { WizardActions } from './WizardActions.tsx';

/**
 * Step 3: where the registry is and how to sign in, and a connection test. Going on takes a
 * successful test of exactly the values on the form: changing any of them asks for a new test.
 */
export function CredentialsStep({ system }: { system: MemberSystem }) {
  const { t } = useTranslation(['onboarding', 'common']);
  const errorText = useFieldErrorText();
  const announceTest = useAnnounceTestResult();
  const testNoteId = useId();
  const systemName = t(`common:systems.${system}`);
  const draft = useConnectionDraft();
  const test = useConnectionTest();
  const refusedOnAdd = useConnectionRefused();
  const form = useForm<ConnectionFormInput, unknown, RegistryConnection>({
    resolver: zodResolver(ConnectionForm),
    defaultValues: draft ?? blankConnection(system),
  });
  const values = useWatch({ control: form.control });
  const kind = useWatch({ control: form.control, name: 'credentials.kind' });
  const testConnection = useTestConnection();
  const [mustTest, setMustTest] = useState(false);

  // The draft compares the values field by field: any change puts the last test out of date.
  useEffect(() => {
    onboardingDraft.setConnection(form.getValues());
  }, [values, form]);

  const tested = test !== null && !test.outdated ? test.result : null;

  const runTest = form.handleSubmit((connection) => {
    setMustTest(false);
    const version = onboardingDraft.connectionVersion();
    testConnection.mutate(
      { source: 'form', connection },
      {
        onSuccess: (result) => {
          // An answer for values changed since is neither kept nor announced.
          if (onboardingDraft.setTest(result, version)) announceTest(result, system);
        },
      },
    );
  });
  const goOn = form.handleSubmit(() => {
    if (tested?.outcome === 'connected') onboardingDraft.next();
    else setMustTest(true);
  });
  const testNote = mustTest && tested?.outcome !== 'connected' ? t('credentials.mustTest') : test?.outdated ? t('credentials.changed') : null;
  const input = (name: CredentialField) => {
    const path = `credentials.${name}` as const;
    return { registration: form.register(path), error: form.formState.errors.credentials?.[name], value: form.getValues(path) };
  };

  return (
    <form onSubmit={(event) => void goOn(event)} noValidate>
      <p>{t('credentials.intro', { system: systemName })}</p>
      <DemoRegistryFill system={system} onFill={(connection) => form.reset(connection)} />
      <FormField
        label={t('credentials.baseUrl', { system: systemName })}
        hint={t('credentials.baseUrlHint')}
        error={errorText(form.formState.errors.baseUrl, 'baseUrl')}
      >
        {(control) => <input {...control} {...form.register('baseUrl')} type="url" autoComplete="off" spellCheck={false} />}
      </FormField>
      {authKindsBySystem[system].length > 1 ? (
        <AuthKindChoice
          system={system}
          kinds={authKindsBySystem[system]}
          value={kind}
          onChoose={(next) => form.setValue('credentials.kind', next, { shouldDirty: true })}
          error={errorText(form.formState.errors.credentials?.kind, 'kind')}
        />
      ) : null}
      <CredentialFields kind={kind} input={input} />
      {refusedOnAdd ? <p className="callout tone-error">{t('credentials.refusedOnAdd')}</p> : null}

      <div className="wizard-test">
        <Button busy={testConnection.isPending} aria-describedby={testNote ? testNoteId : undefined} onClick={() => void runTest()}>
          {t('credentials.test')}
        </Button>
        {testNote ? (
          <p id={testNoteId} className="field-error" data-testid="test-note">
            {testNote}
          </p>
        ) : null}
      </div>
      <ConnectionTestOutcome pending={testConnection.isPending} result={tested} system={system} />
      <WizardActions />
    </form>
  );
}
