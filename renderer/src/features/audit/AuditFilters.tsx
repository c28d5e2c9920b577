import { useEffect, useId, useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { AuditEventType, type AuditActors } from '../../../../shared/contract/audit.ts';
import type { IntegrationHealth, Organization } from '../../../../shared/contract/schemas.ts';
import { useRegistryLabel } from '../../i18n/names.ts';
import { useSession } from '../../stores/session.ts';
import { Button } from '../../ui/Button.tsx';
import { FormField } from '../../ui/FormField.tsx';
import { AUDIT_TYPES } from './event-words.ts';
import { useAuditActors } from './queries.ts';
import { ActorParam, type AuditSearch } from './search.ts';

/**
 * The filter form: the URL's filters as fields. Days are Oslo days as `<input type="date">`
 * gives them; the message of an error is the key of its words.
 */
const FilterForm = z
  .object({
    from: z.union([z.literal(''), z.iso.date({ message: 'dateError' })]),
    to: z.union([z.literal(''), z.iso.date({ message: 'dateError' })]),
    types: z.array(AuditEventType),
    orgId: z.union([z.literal(''), z.uuid()]),
    integrationId: z.union([z.literal(''), z.uuid()]),
    actor: z.union([z.literal(''), ActorParam]),
  })
  .refine((form) => form.from === '' || form.to === '' || form.to >= form.from, { path: ['to'], message: 'rangeError' });
type FilterForm = z.infer<typeof FilterForm>;

const ERROR_KEYS = ['dateError', 'rangeError'] as const;
type ErrorKey = (typeof ERROR_KEYS)[number];
const errorKey = (message: string | undefined): ErrorKey | undefined =>
  message === undefined ? undefined : (ERROR_KEYS as readonly string[]).includes(message) ? (message as ErrorKey) : 'dateError';

function formOf(search: AuditSearch): FilterForm {
  return {
    from: search.from ?? '',
    to: search.to ?? '',
    types: search.types ?? [],
    orgId: search.orgId ?? '',
    integrationId: search.integrationId ?? '',
    actor: search.actor ?? '',
  };
}

function searchOf(form: FilterForm): AuditSearch {
  return {
    ...(form.from ? { from: form.from } : {}),
    ...(form.to ? { to: form.to } : {}),
    ...(form.types.length > 0 ? { types: form.types } : {}),
    ...(form.orgId ? { orgId: form.orgId } : {}),
    ...(form.integrationId ? { integrationId: form.integrationId } : {}),
    ...(form.actor ? { actor: form.actor as ActorParam } : {}),
  };
}

/**
 * Admins one may filter by: those in the part of the trail the admin can read (of the chosen
 * organization), from the backend, and the one already in the URL, so a shared link still shows.
 */
function useAdminChoices(orgId: string | undefined, current: string | undefined, language: string): AuditActors {
  const actors = useAuditActors(orgId);
  return useMemo(() => {
    const choices = [...(actors.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, language));
    const currentId = current?.startsWith('admin:') ? current.slice('admin:'.length) : null;
    return currentId && !choices.some((choice) => choice.id === currentId) ? [...choices, { id: currentId, name: '' }] : choices;
  }, [actors.data, current, language]);
}

export function AuditFilters({
  search,
  onApply,
  organizations,
  integrations,
}: {
  search: AuditSearch;
  onApply(search: AuditSearch): void;
  organizations: Organization[];
  integrations: IntegrationHealth[];
}) {
  const { t, i18n } = useTranslation('audit');
  const registryLabel = useRegistryLabel();
  const session = useSession();
  const typesId = useId();
  const headingId = useId();
  const typesHintId = `${typesId}-hint`;
  const {
    register,
    handleSubmit,
    reset,
    control,
    formState: { errors },
  } = useForm<FilterForm>({ resolver: zodResolver(FilterForm), defaultValues: formOf(search) });
  // The organization picked in the form, applied or not: its admins are the ones worth offering.
  const pickedOrgId = useWatch({ control, name: 'orgId' });
  const admins = useAdminChoices(pickedOrgId === '' ? undefined : pickedOrgId, search.actor, i18n.language);

  // Back, forward or a link changes the URL: the fields follow it.
  useEffect(() => {
    reset(formOf(search));
  }, [search, reset]);

  const showOrganizations = session?.admin?.isGlobal === true || organizations.length > 1;
  const errorText = (message: string | undefined) => {
    const key = errorKey(message);
    return key ? t(`filters.${key}`) : undefined;
  };

  return (
    <form className="panel audit-filters" aria-labelledby={headingId} noValidate onSubmit={handleSubmit((form) => onApply(searchOf(form)))}>
      <h2 id={headingId}>{t('filters.legend')}</h2>
      <div className="filters">
        <FormField label={t('filters.from')} hint={t('filters.dateHint')} error={errorText(errors.from?.message)}>
          {(control) => <input type="date" {...control} {...register('from')} />}
        </FormField>
        <FormField label={t('filters.to')} hint={t('filters.dateHint')} error={errorText(errors.to?.message)}>
          {(control) => <input type="date" {...control} {...register('to')} />}
        </FormField>
        {showOrganizations ? (
          <FormField label={t('filters.organization')}>
            {(control) => (
              <select {...control} {...register('orgId')}>
                <option value="">{t('filters.allOrganizations')}</option>
                {organizations.map((organization) => (
                  <option key={organization.id} value={organization.id}>
                    {organization.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        ) : null}
        <FormField label={t('filters.integration')}>
          {(control) => (
            <select {...control} {...register('integrationId')}>
              <option value="">{t('filters.allIntegrations')}</option>
              {integrations.map((integration) => (
                <option key={integration.integrationId} value={integration.integrationId}>
                  {registryLabel(integration)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('filters.actor')}>
          {(control) => (
            <select {...control} {...register('actor')}>
              <option value="">{t('filters.anyone')}</option>
              <option value="engine">{t('actor.engine')}</option>
              <option value="registry">{t('actor.registry')}</option>
              {admins.map((admin) => (
                <option key={admin.id} value={`admin:${admin.id}`}>
                  {admin.name || t('actor.formerAdmin')}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <fieldset className="audit-types" aria-describedby={typesHintId}>
        <legend>{t('filters.types')}</legend>
        <p id={typesHintId} className="field-hint">
          {t('filters.typesHint')}
        </p>
        <ul>
          {AUDIT_TYPES.map((type) => (
            <li key={type}>
              <label>
                <input type="checkbox" value={type} {...register('types')} /> {t(`types.${type}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="audit-filter-actions">
        <Button type="submit" variant="primary">
          {t('filters.apply')}
        </Button>
        <Button
          onClick={() => {
            reset(formOf({}));
            onApply({});
          }}
        >
          {t('filters.clear')}
        </Button>
      </div>
    </form>
  );
}
