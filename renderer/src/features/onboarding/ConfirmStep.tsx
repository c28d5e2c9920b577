import type { FormEvent } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { OnboardOrganizationInput } from '../../../../shared/contract/onboarding.ts';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { ConfirmSummary } from './ConfirmSummary.tsx';
import { ConnectionForm } from './credentials-form.ts';
import {
  onboardingDraft,
  useAdminsDraft,
  useConnectionDraft,
  useConnectionTest,
  useOrganizationDraft,
  useScheduleDraft,
  useSystemDraft,
} from './draft-store.ts';
import { onboardRefusal } from './onboard-refusal.ts';
import { useOnboardOrganization } from './queries.ts';
import { cronOfChoice, ScheduleChoice } from './schedule-choice.ts';
import { WizardActions } from './WizardActions.tsx';

/**
 * Step 7: everything entered, secrets left out, and "Add organization". The backend adds it all
 * or nothing; on success the board shows the new organization with its initial sync running.
 */
export function ConfirmStep() {
  const { t } = useTranslation('onboarding');
  const navigate = useNavigate();
  const organization = useOrganizationDraft();
  const system = useSystemDraft();
  const connection = useConnectionDraft();
  const test = useConnectionTest();
  const schedule = useScheduleDraft();
  const admins = useAdminsDraft();
  const onboard = useOnboardOrganization();

  const input = (): OnboardOrganizationInput | null => {
    const base = { name: organization.name, slug: organization.slug, adminUserIds: admins.map((admin) => admin.userId) };
    if (system === 'none') return { ...base, integration: null };
    const tested = ConnectionForm.safeParse(connection);
    const when = ScheduleChoice.safeParse(schedule);
    // Only credentials tested as they are now go out; anything else sends the admin back to test them.
    if (!tested.success || test === null || test.outdated || test.result.outcome !== 'connected' || !when.success) return null;
    return {
      ...base,
      integration: { connection: tested.data, scheduleCron: cronOfChoice(when.data), deltaIntervalMinutes: when.data.deltaIntervalMinutes },
    };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const onboarding = input();
    if (!onboarding) {
      onboardingDraft.goTo(system === null ? 'system' : 'credentials');
      return;
    }
    onboard.mutate(onboarding, {
      onSuccess: () => {
        // Discarded first, so leaving for the board is not taken for abandoning a draft.
        onboardingDraft.discard();
        announce(t('announce.added', { name: onboarding.name.trim() }));
        void navigate({ to: '/' });
      },
      onError: (error) => {
        const refusal = onboardRefusal(error);
        if (refusal) onboardingDraft.returnTo(refusal.step, refusal.refused, refusal.connectionRefused);
      },
    });
  };

  return (
    <form onSubmit={submit}>
      <p>{t('confirm.intro')}</p>
      <ConfirmSummary />
      {system !== 'none' ? <p>{t('confirm.initialSync')}</p> : null}
      <WizardActions
        next={
          <Button type="submit" variant="primary" busy={onboard.isPending}>
            {t('confirm.submit')}
          </Button>
        }
      />
    </form>
  );
}
