import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/PageHeading.tsx';

export function ConflictsPage() {
  const { t } = useTranslation('conflicts');
  return <PageHeading>{t('title')}</PageHeading>;
}
