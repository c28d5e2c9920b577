import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrichmentEventView } from '../../../../shared/contract/enrichment.ts';
import { useFormat } from '../../i18n/format.ts';

/**
 * Which member record a Vipps login reached: the registry, the member's number there and when
 * they logged in, then whatever the list adds (`children`). The same facts in the failure and the
 * review list, so an admin finds the member in the registry the same way from either.
 */
export function MemberRecordFacts({ event, testIdPrefix, children }: { event: EnrichmentEventView; testIdPrefix: string; children?: ReactNode }) {
  const { t } = useTranslation(['enrichment', 'common']);
  const format = useFormat();
  return (
    <dl className="details-grid">
      <div>
        <dt>{t('failures.registry')}</dt>
        <dd>{t(`common:systems.${event.system}`)}</dd>
      </div>
      <div>
        <dt>{t('failures.memberNumber')}</dt>
        <dd className="nowrap" data-testid={`${testIdPrefix}-member-number`}>
          {event.externalId ?? t('failures.memberNumberUnknown')}
        </dd>
      </div>
      <div>
        <dt>{t('failures.loggedIn')}</dt>
        <dd>
          <time dateTime={event.loggedInAt}>{format.dateTime(event.loggedInAt)}</time>
        </dd>
      </div>
      {children}
    </dl>
  );
}
