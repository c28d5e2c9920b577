import { useEffect, useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { AuthKind, ConnectionTestResult, IntegrationSettings } from '../../../../shared/contract/integrations.ts';
import { ApiError } from '../../api/client.ts';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { ConnectionTestOutcome } from './ConnectionTestOutcome.tsx';
import { CredentialFields } from './CredentialFields.tsx';
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
import { useTestConnection, useUpdateIntegration } from './queries.ts';

/**
 * New credentials for the registry: tested on request, and tested again by the backend when
 * saved, which saves nothing if they fail. What was typed lives only in this form: it is
 * cleared after saving and when the form goes away, and the calls that carried it are dropped.
 */
export function CredentialsForm({ settings }: { settings: IntegrationSettings }) {
  const { t } = useTranslation(['integrations', 'common']);
  const headingId = useId();
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

  const switchKind = (next: AuthKind) => {
    form.reset(emptyConnection(form.getValues('baseUrl'), next));
    setTestResult(null);
    setOutcome(null);
  };

  const runTest = form.handleSubmit((values) => {
    setTestResult(null);
    test.mutate(
      { source: 'form', integrationId: settings.integrationId, connection: { system: settings.system, ...values } },
      { onSuccess: setTestResult, onSettled: () => test.reset() },
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
        onSettled: () => update.reset(),
      },
    );
  });

  return (
    <form className="credentials-form" aria-labelledby={headingId} noValidate onSubmit={(event) => void save(event)} data-testid="credentials-form">
      <h3 id={headingId}>{t('form.title')}</h3>
      <p className="muted">{t('form.intro')}</p>
      {kinds.length > 1 ? (
        <fieldset className="choice-group">
          <legend>{t('form.kindLegend')}</legend>
          {kinds.map((option) => (
            <label key={option}>
              <input type="radio" name={`${headingId}-kind`} value={option} checked={kind === option} onChange={() => switchKind(option)} />
              {t(`authKind.${option}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <CredentialFields form={form} kind={kind} />
      <div className="form-actions">
        <Button busy={test.isPending} onClick={(event) => void runTest(event)}>
          {t('form.test')}
        </Button>
        <Button type="submit" variant="primary" busy={update.isPending}>
          {t('form.save')}
        </Button>
      </div>
      <ConnectionTestOutcome pending={test.isPending} result={testResult} />
      <CredentialsSaved outcome={outcome} />
    </form>
  );
}
