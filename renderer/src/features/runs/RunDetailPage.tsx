import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/PageHeading.tsx';

export function RunDetailPage() {
  const { t } = useTranslation('runs');
  return <PageHeading>{t('title')}</PageHeading>;
}
