import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrationSettings } from '../../../../shared/contract/integrations.ts';
import { useFormat } from '../../i18n/format.ts';
import { CredentialsForm } from './CredentialsForm.tsx';
import { SavedConnectionTest } from './SavedConnectionTest.tsx';

/** Where the registry is and how the service signs in: what is saved (never the secrets themselves), and a form for new details. */
export function ConnectionSection({ settings }: { settings: IntegrationSettings }) {
  const { t } = useTranslation(['integrations', 'common']);
  const format = useFormat();
  const headingId = useId();
  const { credentials } = settings;

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="connection">
      <h2 id={headingId}>{t('connection.title')}</h2>
      <dl className="details-grid" data-testid="connection-facts">
        <div>
          <dt>{t('connection.system')}</dt>
          <dd>{t(`common:systems.${settings.system}`)}</dd>
        </div>
        <div>
          <dt>{t('connection.address')}</dt>
          <dd className="break-anywhere">{settings.baseUrl}</dd>
        </div>
        <div>
          <dt>{t('connection.signIn')}</dt>
          <dd>{t(`authKind.${settings.authKind}`)}</dd>
        </div>
        <div>
          <dt>{t('connection.changedAt')}</dt>
          <dd data-testid="credentials-changed-at">
            {!credentials.saved ? t('connection.noneSaved') : credentials.changedAt ? format.dateTime(credentials.changedAt) : t('connection.never')}
          </dd>
        </div>
        <div>
          <dt>{t('connection.lastWorkedAt')}</dt>
          <dd data-testid="credentials-last-worked">
            {credentials.lastWorkedAt ? format.dateTime(credentials.lastWorkedAt) : t('connection.never')}
          </dd>
        </div>
      </dl>
      <p className="muted">{t('connection.secretsHidden')}</p>
      {credentials.saved ? <SavedConnectionTest integrationId={settings.integrationId} system={settings.system} /> : null}
      <CredentialsForm settings={settings} />
    </section>
  );
}
