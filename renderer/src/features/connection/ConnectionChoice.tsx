import { useId } from 'react';
import { useForm, type FieldError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { AnonKey, ProjectUrl, SECRET_KEY_PREFIX } from '../../../../shared/contract/connection.ts';
import { Button } from '../../ui/Button.tsx';
import { FormField } from '../../ui/FormField.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useStatusChange } from './queries.ts';
import { useConnectionErrorText } from './connection-errors.ts';

const ProjectForm = z.object({ url: ProjectUrl, anonKey: AnonKey });
type ProjectFormInput = z.input<typeof ProjectForm>;
type ProjectFormValues = z.output<typeof ProjectForm>;

/** A first start: the embedded demo, or the organization's Supabase project (its address and anon key). */
export function ConnectionChoice() {
  const { t } = useTranslation('connection');
  const connect = useStatusChange('console.connect');
  const failure = useConnectionErrorText();
  const demoId = useId();
  const projectId = useId();
  const form = useForm<ProjectFormInput, unknown, ProjectFormValues>({ resolver: zodResolver(ProjectForm), defaultValues: { url: '', anonKey: '' } });
  const { errors } = form.formState;
  const fieldText = (field: 'url' | 'anonKey', error: FieldError | undefined) => {
    if (!error) return undefined;
    const value = String(form.getValues(field) ?? '').trim();
    if (field === 'url') return t(value === '' ? 'choice.errors.urlRequired' : 'choice.errors.urlInvalid');
    if (value === '') return t('choice.errors.keyRequired');
    return t(value.startsWith(SECRET_KEY_PREFIX) ? 'choice.errors.keySecret' : 'choice.errors.keyInvalid');
  };

  return (
    <div className="connection-choice" data-testid="connection-choice">
      <PageHeading>{t('choice.title')}</PageHeading>
      <p>{t('choice.intro')}</p>
      <div className="choice-cards">
        <section className="choice-card" aria-labelledby={demoId}>
          <h2 id={demoId}>{t('choice.demoTitle')}</h2>
          <p>{t('choice.demoBody')}</p>
          <Button variant="primary" busy={connect.isPending && connect.variables.kind === 'demo'} onClick={() => connect.mutate({ kind: 'demo' })}>
            {t('choice.demoButton')}
          </Button>
        </section>
        <section className="choice-card" aria-labelledby={projectId}>
          <h2 id={projectId}>{t('choice.projectTitle')}</h2>
          <p>{t('choice.projectBody')}</p>
          <form noValidate onSubmit={form.handleSubmit((values) => connect.mutate({ kind: 'supabase', ...values }))}>
            <FormField label={t('choice.url')} hint={t('choice.urlHint')} error={fieldText('url', errors.url)}>
              {(control) => <input {...control} {...form.register('url')} type="url" autoComplete="url" spellCheck={false} />}
            </FormField>
            <FormField label={t('choice.anonKey')} hint={t('choice.anonKeyHint')} error={fieldText('anonKey', errors.anonKey)}>
              {(control) => <input {...control} {...form.register('anonKey')} autoComplete="off" spellCheck={false} />}
            </FormField>
            <Button type="submit" variant="primary" busy={connect.isPending && connect.variables.kind === 'supabase'}>
              {connect.isPending && connect.variables.kind === 'supabase' ? t('choice.connecting') : t('choice.connect')}
            </Button>
          </form>
        </section>
      </div>
      {connect.error ? (
        <p role="alert" className="form-error">
          {failure(connect.error)}
        </p>
      ) : null}
    </div>
  );
}
