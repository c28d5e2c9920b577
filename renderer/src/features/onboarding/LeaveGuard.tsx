import { useCallback } from 'react';
import { useBlocker } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { onboardingDraft } from './draft-store.ts';

/**
 * Asks before leaving the wizard with something entered, since the draft (credentials included)
 * is discarded on the way out. Closing the window is not held up: the draft lives in memory only.
 */
export function LeaveGuard() {
  const { t } = useTranslation('onboarding');
  const blocker = useBlocker({ shouldBlockFn: () => onboardingDraft.isStarted(), withResolver: true, enableBeforeUnload: false });
  const { reset } = blocker;
  const stay = useCallback(() => reset?.(), [reset]);

  return (
    <Dialog
      open={blocker.status === 'blocked'}
      title={t('leave.title')}
      onClose={stay}
      actions={
        <>
          <Button variant="primary" onClick={stay}>
            {t('leave.stay')}
          </Button>
          <Button variant="danger" onClick={() => blocker.proceed?.()}>
            {t('leave.leave')}
          </Button>
        </>
      }
    >
      <p>{t('leave.body')}</p>
    </Dialog>
  );
}
