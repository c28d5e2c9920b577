import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { onboardingDraft } from './draft-store.ts';

/**
 * Back and the way on, at the foot of every step. Back keeps what was entered: each step keeps
 * its form in the draft as it is typed.
 */
export function WizardActions({ first = false, next }: { first?: boolean; next?: ReactNode }) {
  const { t } = useTranslation('onboarding');
  return (
    <div className="wizard-actions">
      {first ? null : <Button onClick={onboardingDraft.back}>{t('actions.back')}</Button>}
      {next ?? (
        <Button type="submit" variant="primary">
          {t('actions.next')}
        </Button>
      )}
    </div>
  );
}
