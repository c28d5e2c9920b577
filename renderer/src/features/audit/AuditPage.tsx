import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/PageHeading.tsx';

export function AuditPage() {
  const { t } = useTranslation('audit');
  return <PageHeading>{t('title')}</PageHeading>;
}
