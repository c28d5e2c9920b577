import type { TFunction } from 'i18next';
import type { AlertView } from '../../../../shared/contract/alerts.ts';

type AlertT = TFunction<['alerts', 'common']>;

const REFUSALS = ['signature_missing', 'signature_malformed', 'signature_mismatch'] as const;
type Refusal = (typeof REFUSALS)[number];
const isRefusal = (value: string | undefined): value is Refusal => (REFUSALS as readonly string[]).includes(value ?? '');

/**
 * The sentences that explain an alert, built from its kind and its structured detail in the
 * chosen language. The backend's English message is only the fallback, for an alert raised
 * before the detail carried what a sentence needs.
 */
export function alertSentences(alert: AlertView, t: AlertT, dateTime: (iso: string) => string): string[] {
  const detail = alert.detail ?? {};
  const error = (code: typeof detail.errorCode) => t(`common:errors.${code ?? 'internal'}`);
  switch (alert.kind) {
    case 'credentials_failed':
      return [t('body.credentials_failed'), t('common:whatToDo.source_auth_failed')];
    case 'repeated_failures':
      if (detail.failures === undefined) break;
      return [t('body.repeated_failures', { count: detail.failures, error: error(detail.errorCode) })];
    case 'stale_late':
    case 'stale_error': {
      if (detail.hoursSinceSuccess === undefined) break;
      const count = detail.hoursSinceSuccess;
      const first =
        alert.kind === 'stale_error'
          ? t('body.stale_error', { count })
          : detail.lastSuccessAt
            ? t('body.stale_late', { count, when: dateTime(detail.lastSuccessAt) })
            : t('body.stale_late_never', { count });
      return detail.errorCode ? [first, t('body.latestError', { error: error(detail.errorCode) })] : [first];
    }
    case 'webhook_signature':
      return [t('body.webhook_signature', { reason: t(`body.refusal.${isRefusal(detail.refusal) ? detail.refusal : 'unknown'}`) })];
    case 'run_held':
      if (detail.threshold === undefined || (detail.absent === undefined && detail.deactivations === undefined)) break;
      return [t('body.run_held', { count: (detail.absent ?? 0) + (detail.deactivations ?? 0), threshold: detail.threshold })];
    case 'source_write_failed':
      if (detail.externalId === undefined) break;
      return [t('body.source_write_failed', { externalId: detail.externalId, error: error(detail.errorCode) })];
    case 'records_quarantined':
      if (detail.quarantined === undefined) break;
      return [t('body.records_quarantined', { count: detail.quarantined })];
    case 'enrichment_write_late':
      if (detail.externalId === undefined) break;
      return [
        detail.errorCode
          ? t('body.enrichment_write_late_error', { externalId: detail.externalId, error: error(detail.errorCode) })
          : t('body.enrichment_write_late', { externalId: detail.externalId }),
      ];
  }
  return [alert.message];
}
