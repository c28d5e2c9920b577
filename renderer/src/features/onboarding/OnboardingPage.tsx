import { useTranslation } from 'react-i18next';
import { useAdmin } from '../../stores/session.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { OnboardingWizard } from './OnboardingWizard.tsx';

/** Adding an organization: global administrators only; anyone else is told so in place, with no form. */
export function OnboardingPage() {
  const { t } = useTranslation('onboarding');
  const admin = useAdmin();
  if (!admin?.isGlobal) {
    return (
      <>
        <PageHeading>{t('title')}</PageHeading>
        <EmptyState title={t('notAllowed.title')}>
          <p>{t('notAllowed.body')}</p>
        </EmptyState>
      </>
    );
  }
  return <OnboardingWizard />;
}
