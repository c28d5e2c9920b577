import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrationSettings } from '../../../../shared/contract/integrations.ts';
import { announce } from '../../stores/announce.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useUpdateIntegration } from './queries.ts';

/** Switches the whole integration on or off, and says plainly what "off" stops. */
export function EnabledSwitch({ settings }: { settings: IntegrationSettings }) {
  const { t } = useTranslation('integrations');
  const headingId = useId();
  const switchId = useId();
  const update = useUpdateIntegration();
  // While the change is on its way the switch shows where it is going; then the saved state.
  const enabled = update.isPending ? (update.variables.enabled ?? settings.enabled) : settings.enabled;

  const change = (next: boolean) =>
    update.mutate(
      { integrationId: settings.integrationId, enabled: next },
      {
        onSuccess: ({ integration }) =>
          announce(t(integration.enabled ? 'enabled.announceOn' : 'enabled.announceOff', { name: integration.displayName })),
      },
    );

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="integration-enabled" data-enabled={String(settings.enabled)}>
      <h2 id={headingId}>{t('enabled.title')}</h2>
      <div className="switch-field">
        <input
          id={switchId}
          type="checkbox"
          role="switch"
          checked={enabled}
          aria-describedby={`${switchId}-hint`}
          aria-busy={update.isPending || undefined}
          onChange={(event) => {
            if (!update.isPending) change(event.target.checked);
          }}
        />
        <label htmlFor={switchId}>{t('enabled.label')}</label>
        <StatusBadge tone={enabled ? 'ok' : 'neutral'} testId="enabled-state">
          {enabled ? t('enabled.on') : t('enabled.off')}
        </StatusBadge>
      </div>
      <p id={`${switchId}-hint`} className="field-hint">
        {t('enabled.hint')}
      </p>
    </section>
  );
}
