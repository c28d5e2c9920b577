import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { IntegrationSettings } from '../../../../shared/contract/integrations.ts';
import { isNotFound } from '../../app/shown-in-place.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { ConnectionSection } from './ConnectionSection.tsx';
import { EnabledSwitch } from './EnabledSwitch.tsx';
import { RulesLinkSection } from './RulesLinkSection.tsx';
import { ScheduleSection } from './ScheduleSection.tsx';
import { WebhooksSection } from './WebhooksSection.tsx';
import { useIntegrationSettings } from './queries.ts';

const route = getRouteApi('/integrations/$integrationId');

/** One member registry's settings: on or off, sign-in, schedule, change notices and the way to its conflict rules. */
export function IntegrationSettingsPage() {
  const { integrationId } = route.useParams();
  const { t } = useTranslation(['integrations', 'common']);
  const settings = useIntegrationSettings(integrationId);

  if (settings.isPending) return <p>{t('common:app.loading')}</p>;
  if (settings.isError) {
    // Another organization's integration is not_found for an organization admin, like one that never existed.
    return (
      <>
        <PageHeading>{t('title404')}</PageHeading>
        <EmptyState
          title={isNotFound(settings.error) ? t('notFound') : t('common:errors.unexpected')}
          action={<Link to="/">{t('backToBoard')}</Link>}
        />
      </>
    );
  }
  return <IntegrationSettingsView settings={settings.data} />;
}

function IntegrationSettingsView({ settings }: { settings: IntegrationSettings }) {
  const { t } = useTranslation(['integrations', 'common']);
  return (
    <div data-testid="integration-settings" data-integration-id={settings.integrationId}>
      <PageHeading>{t('title', { name: settings.displayName })}</PageHeading>
      <p className="page-intro">{t('intro', { organization: settings.orgName, system: t(`common:systems.${settings.system}`) })}</p>
      {settings.awaitingInitialSync ? (
        <p className="callout tone-info" data-testid="awaiting-initial-sync">
          {t('awaitingInitialSync')}
        </p>
      ) : null}
      <EnabledSwitch settings={settings} />
      <ConnectionSection settings={settings} />
      <ScheduleSection settings={settings} />
      <WebhooksSection integrationId={settings.integrationId} webhooks={settings.webhooks} />
      <RulesLinkSection orgId={settings.orgId} organization={settings.orgName} />
    </div>
  );
}
