import { useId } from 'react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** Conflict rules belong to the organization, not to one registry: this section only leads there. */
export function RulesLinkSection({ orgId, organization }: { orgId: string; organization: string }) {
  const { t } = useTranslation('integrations');
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('rules.title')}</h2>
      <p>{t('rules.body')}</p>
      <Link to="/organizations/$orgId/rules" params={{ orgId }}>
        {t('rules.link', { organization })}
      </Link>
    </section>
  );
}
