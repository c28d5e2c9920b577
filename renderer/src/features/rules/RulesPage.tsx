import { isNotFound } from '../../app/shown-in-place.ts';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { operationQuery } from '../../api/queries.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { CategoryRuleForm } from './CategoryRuleForm.tsx';
import { useRules } from './queries.ts';

const route = getRouteApi('/organizations/$orgId/rules');

/** An organization's conflict rules, one data category at a time. */
export function RulesPage() {
  const { t } = useTranslation(['rules', 'common']);
  const { orgId } = route.useParams();
  const rules = useRules(orgId);
  const organizations = useQuery(operationQuery('organizations.list', {}));
  const name = organizations.data?.find((organization) => organization.id === orgId)?.name;

  if (isNotFound(rules.error)) {
    return (
      <>
        <PageHeading>{t('common:empty.notFoundTitle')}</PageHeading>
        <EmptyState title={t('common:empty.notFoundBody')} />
      </>
    );
  }

  return (
    <>
      <PageHeading>{name ? t('titleFor', { name }) : t('title')}</PageHeading>
      <p className="page-intro">{t('intro')}</p>
      <p>
        <Link to="/conflicts" search={{ orgId }}>
          {t('queueLink')}
        </Link>
      </p>
      {rules.isPending ? <p>{t('common:app.loading')}</p> : null}
      {rules.data?.categories.map((rule) => (
        <CategoryRuleForm key={rule.category} orgId={orgId} rule={rule} />
      ))}
    </>
  );
}
