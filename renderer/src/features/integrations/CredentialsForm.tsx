import { useEffect, useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { AuthKind, ConnectionTestResult, IntegrationSettings } from '../../../../shared/contract/integrations.ts';
import { ApiError } from '../../api/client.ts';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { FormField } from '../../ui/FormField.tsx';
import { useAnnounceTestResult } from './announce-test-result.ts';
import { AuthKindChoice } from './AuthKindChoice.tsx';
import { ConnectionTestOutcome } from './ConnectionTestOutcome.tsx';
import { CredentialFields, type CredentialField } from './CredentialFields.tsx';
import { CredentialsSaved } from './CredentialsSaved.tsx';
import {
  ConnectionForm,
  authKindsFor,
  emptyConnection,
  serverFieldIssues,
  startingKind,
  type ConnectionFormInput,
  type ConnectionFormValues,
  type SaveOutcome,
} from './connection-form.ts';
import { useInputErrorText } from './field-error-text.ts';
import { useTestConnection, useUpdateIntegration } from './queries.ts';

/**
 * New credentials for the registry: tested on request, and tested again by the backend when
 * saved, which saves nothing if they fail. What was typed lives only in this form: it is
 * cleared after saving and when the form goes away, and the calls that carried it are dropped.
 * A test's answer is for the values it tried: editing any field takes it away.
 */
export function CredentialsForm({ settings }: { settings: IntegrationSettings }) {
  const { t } = useTranslation(['integrations', 'common']);
  const headingId = useId();
  const errorText = useInputErrorText();
  const announceTest = useAnnounceTestResult();
  const kinds = authKindsFor(settings.system);
  const form = useForm<ConnectionFormInput, unknown, ConnectionFormValues>({
    resolver: zodResolver(ConnectionForm),
    defaultValues: emptyConnection(settings.baseUrl, startingKind(settings.system, settings.authKind)),
  });
  const kind = useWatch({ control: form.control, name: 'credentials.kind' });
  const test = useTestConnection();
  const update = useUpdateIntegration();
  const [testResult, setTestResult] = useState<ConnectionTestResult | null>(null);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);

  // The defaults are always empty credentials: leaving the screen leaves nothing typed behind.
  useEffect(() => () => form.reset(), [form]);

  // An answer is for the values tried: an edit takes it away, and drops a test still running for the old values.
  const edited = () => {
    setTestResult(null);
    test.reset();
  };

  const switchKind = (next: AuthKind) => {
    form.reset(emptyConnection(form.getValues('baseUrl'), next));
    edited();
    setOutcome(null);
  };

  const runTest = form.handleSubmit((values) => {
    setTestResult(null);
    test.mutate(
      { source: 'form', integrationId: settings.integrationId, connection: { system: settings.system, ...values } },
      {
        onSuccess: (result) => {
          setTestResult(result);
          announceTest(result, settings.system);
        },
      },
    );
  });

  const save = form.handleSubmit((values) => {
    setOutcome(null);
    update.mutate(
      { integrationId: settings.integrationId, connection: values },
      {
        onSuccess: ({ integration, queuedJob }) => {
          form.reset(emptyConnection(integration.baseUrl, startingKind(integration.system, integration.authKind)));
          setTestResult(null);
          setOutcome({ saved: true, queued: queuedJob !== null });
          announce(t('save.announce', { name: integration.displayName }));
        },
        onError: (error) => {
          for (const [field, message] of serverFieldIssues(error, t('common:errors.fieldRefused'))) form.setError(field, { type: 'server', message });
          setOutcome({ saved: false, error: error instanceof ApiError ? error.payload : null });
        },
      },
    );
  });

  const input = (name: CredentialField) => {
    const path = `credentials.${name}` as const;
    return {
      registration: form.register(path, { onChange: edited }),
      error: form.getFieldState(path, form.formState).error,
      value: form.getValues(path),
    };
  };

  return (
    <form className="credentials-form" aria-labelledby={headingId} noValidate onSubmit={(event) => void save(event)} data-testid="credentials-form">
      <h3 id={headingId}>{t('form.title')}</h3>
      <p className="muted">{t('form.intro')}</p>
      {kinds.length > 1 ? <AuthKindChoice system={settings.system} kinds={kinds} value={kind} onChoose={switchKind} /> : null}
      <FormField
        label={t('form.baseUrl')}
        hint={t('form.baseUrlHint')}
        error={errorText(form.getFieldState('baseUrl', form.formState).error, form.getValues('baseUrl'))}
      >
        {(control) => (
          <input {...control} type="url" inputMode="url" autoComplete="off" spellCheck={false} {...form.register('baseUrl', { onChange: edited })} />
        )}
      </FormField>
      <CredentialFields kind={kind} input={input} />
      <div className="form-actions">
        <Button busy={test.isPending} onClick={(event) => void runTest(event)}>
          {t('form.test')}
        </Button>
        <Button type="submit" variant="primary" busy={update.isPending}>
          {t('form.save')}
        </Button>
      </div>
      <ConnectionTestOutcome pending={test.isPending} result={testResult} system={settings.system} />
      <CredentialsSaved outcome={outcome} />
    </form>
  );
}
