import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgEnrichment } from '../../../../shared/contract/enrichment.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { EnrichmentFigures, EnrichmentWork } from './EnrichmentFigures.tsx';
import { LegalBasisSection } from './LegalBasisSection.tsx';
import { WeeklyChart } from './WeeklyChart.tsx';

/** One organization: its figures and weekly timeline once it has been switched on, and the switch with its legal basis. */
export function OrganizationEnrichment({ org }: { org: OrgEnrichment }) {
  const { t } = useTranslation('enrichment');
  const headingId = useId();
  const { settings, stats } = org;
  const started = settings.activatedAt !== null;
  return (
    <section
      className="panel enrichment-org"
      aria-labelledby={headingId}
      data-testid="enrichment-organization"
      data-org-id={org.orgId}
      data-enabled={String(settings.enabled)}
    >
      <header className="enrichment-org-header">
        <h2 id={headingId}>{org.orgName}</h2>
        <StatusBadge tone={settings.enabled ? 'ok' : 'neutral'} testId="organization-state">
          {settings.enabled ? t('state.on') : t('state.off')}
        </StatusBadge>
      </header>
      {started ? (
        <>
          <EnrichmentFigures
            name={org.orgName}
            figures={{
              baselineMissing: stats.baselineMissing ?? 0,
              enriched: stats.enriched,
              enrichedFromBaseline: stats.enrichedFromBaseline,
              percentFilled: stats.percentFilled,
              under15Missing: stats.under15Missing,
              latestEnrichmentAt: stats.latestEnrichmentAt,
            }}
          />
          <EnrichmentWork stats={stats} />
          {stats.weekly.length > 0 ? <WeeklyChart weeks={stats.weekly} orgName={org.orgName} /> : null}
        </>
      ) : (
        <p className="muted" data-testid="not-started">
          {t('notStarted')}
        </p>
      )}
      <LegalBasisSection org={org} />
    </section>
  );
}
