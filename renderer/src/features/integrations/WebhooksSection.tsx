import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookStatus } from '../../../../shared/contract/integrations.ts';
import { useFormat } from '../../i18n/format.ts';
import { FormField } from '../../ui/FormField.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { WebhookSecretControls } from './WebhookSecretControls.tsx';

/**
 * Change notices from the registry: where Cornerstone sends them, the secret that signs them,
 * and whether they arrive. A registry that cannot send them is said so plainly.
 */
export function WebhooksSection({ integrationId, webhooks }: { integrationId: string; webhooks: WebhookStatus }) {
  const { t } = useTranslation('integrations');
  const format = useFormat();
  const headingId = useId();
  const { signatureFailures } = webhooks;

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="webhooks" data-supported={String(webhooks.supported)}>
      <h2 id={headingId}>{t('webhooks.title')}</h2>
      {!webhooks.supported ? (
        <p data-testid="webhooks-unsupported">{t('webhooks.unsupported')}</p>
      ) : (
        <>
          <p className="muted">{t('webhooks.intro')}</p>
          {webhooks.receivingUrl ? (
            <FormField label={t('webhooks.receivingUrl')} hint={t('webhooks.receivingUrlHint')}>
              {(control) => (
                <input
                  {...control}
                  type="text"
                  readOnly
                  value={webhooks.receivingUrl ?? ''}
                  className="copyable"
                  onFocus={(event) => event.target.select()}
                />
              )}
            </FormField>
          ) : (
            <p>{t('webhooks.noReceivingUrl')}</p>
          )}
          <dl className="details-grid">
            <div>
              <dt>{t('webhooks.secret')}</dt>
              <dd data-testid="webhook-secret-status">
                {webhooks.secretCreatedAt ? t('webhooks.secretCreated', { when: format.dateTime(webhooks.secretCreatedAt) }) : t('webhooks.noSecret')}
              </dd>
            </div>
            {webhooks.previousSecretValidUntil ? (
              <div>
                <dt>{t('webhooks.previousValidUntil')}</dt>
                <dd data-testid="webhook-previous-valid-until">{format.dateTime(webhooks.previousSecretValidUntil)}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('webhooks.lastDelivery')}</dt>
              <dd data-testid="webhook-last-delivery">{webhooks.lastDeliveryAt ? format.dateTime(webhooks.lastDeliveryAt) : t('webhooks.never')}</dd>
            </div>
            <div>
              <dt>{t('webhooks.failures')}</dt>
              <dd data-testid="webhook-signature-failures" data-count={signatureFailures.last24h}>
                {signatureFailures.last24h > 0 ? (
                  <StatusBadge tone="warning">
                    {t('webhooks.failuresSome', {
                      count: signatureFailures.last24h,
                      when: signatureFailures.lastAt ? format.dateTime(signatureFailures.lastAt) : t('webhooks.never'),
                    })}
                  </StatusBadge>
                ) : (
                  t('webhooks.failuresNone')
                )}
              </dd>
            </div>
          </dl>
          {signatureFailures.last24h > 0 ? <p className="field-hint">{t('webhooks.failuresHint')}</p> : null}
          <WebhookSecretControls integrationId={integrationId} hasSecret={webhooks.secretCreatedAt !== null} />
        </>
      )}
    </section>
  );
}
