import { useEffect, useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { RegistryConnection } from '../../../../shared/contract/integrations.ts';
import type { MemberSystem } from '../../../../shared/domain/integration.ts';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { FormField } from '../../ui/FormField.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { ConnectionTestOutcome } from './ConnectionTestOutcome.tsx';
import { CredentialFields } from './CredentialFields.tsx';
import { blankConnection, ConnectionForm, connectionFingerprint, type ConnectionFormInput } from './credentials-form.ts';
import { DemoRegistryFill } from './DemoRegistryFill.tsx';
import { onboardingDraft, useConnectionDraft, useConnectionRefused, useConnectionTest } from './draft-store.ts';
import { useFieldErrorText } from './field-error.ts';
import { useTestConnection } from './queries.ts';
import { WizardActions } from './WizardActions.tsx';

/**
 * Step 3: where the registry is and how to sign in, and a connection test. Going on takes a
 * successful test of exactly the values on the form: changing any of them asks for a new test.
 */
export function CredentialsStep({ system }: { system: MemberSystem }) {
  const { t } = useTranslation(['onboarding', 'common']);
  const errorText = useFieldErrorText();
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
  const testConnection = useTestConnection();
  const [mustTest, setMustTest] = useState(false);

  useEffect(() => {
    onboardingDraft.setConnection(form.getValues());
  }, [values, form]);

  const fingerprint = connectionFingerprint(values);
  const tested = test !== null && test.fingerprint === fingerprint ? test.result : null;
  const stale = test !== null && tested === null;

  const runTest = form.handleSubmit((connection) => {
    setMustTest(false);
    testConnection.mutate(connection, {
      onSuccess: (result) => {
        onboardingDraft.setTest({ fingerprint: JSON.stringify(connection), result });
        announce(result.outcome === 'connected' ? t('announce.testConnected', { system: systemName }) : t('announce.testFailed'));
      },
    });
  });
  const goOn = form.handleSubmit((connection) => {
    if (test?.result.outcome === 'connected' && test.fingerprint === JSON.stringify(connection)) onboardingDraft.next();
    else setMustTest(true);
  });
  const testNote = mustTest && tested?.outcome !== 'connected' ? t('credentials.mustTest') : stale ? t('credentials.changed') : null;

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
      <CredentialFields form={form} system={system} />
      {refusedOnAdd ? <p className="callout tone-error">{t('credentials.refusedOnAdd')}</p> : null}

      <div className="wizard-test">
        <Button busy={testConnection.isPending} aria-describedby={testNote ? testNoteId : undefined} onClick={() => void runTest()}>
          {t('credentials.test')}
        </Button>
        {testConnection.isPending ? (
          <p className="wizard-testing">
            <Spinner /> {t('credentials.testing')}
          </p>
        ) : null}
        {testNote ? (
          <p id={testNoteId} className="field-error" data-testid="test-note">
            {testNote}
          </p>
        ) : null}
      </div>
      {tested && !testConnection.isPending ? <ConnectionTestOutcome result={tested} system={system} /> : null}
      <WizardActions />
    </form>
  );
}
