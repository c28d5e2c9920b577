import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/PageHeading.tsx';

export function RulesPage() {
  const { t } = useTranslation('rules');
  return <PageHeading>{t('title')}</PageHeading>;
}
