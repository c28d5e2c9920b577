import { createRootRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Shell } from './Shell.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('empty.notFoundTitle')}</PageHeading>
      <EmptyState title={t('empty.notFoundBody')} />
    </>
  );
}

export const rootRoute = createRootRoute({ component: Shell, notFoundComponent: NotFound });
