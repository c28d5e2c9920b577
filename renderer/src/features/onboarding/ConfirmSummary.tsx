import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import { Button } from '../../ui/Button.tsx';
import {
  onboardingDraft,
  useAdminsDraft,
  useConnectionDraft,
  useConnectionTest,
  useOrganizationDraft,
  useScheduleDraft,
  useSystemDraft,
} from './draft-store.ts';
import type { StepId } from './steps.ts';
import { useWeekdayName } from './weekday-name.ts';

/** Everything the wizard will add, a section per step with a way back to it. Secret values are never shown. */
export function ConfirmSummary() {
  const { t } = useTranslation(['onboarding', 'common', 'integrations']);
  const format = useFormat();
  const weekdayName = useWeekdayName();
  const organization = useOrganizationDraft();
  const system = useSystemDraft();
  const connection = useConnectionDraft();
  const test = useConnectionTest();
  const schedule = useScheduleDraft();
  const admins = useAdminsDraft();
  const result = test?.result.outcome === 'connected' ? test.result : null;
  const hasIntegration = system !== null && system !== 'none';

  return (
    <div className="wizard-summary" data-testid="onboarding-summary">
      <SummarySection step="organization">
        <Fact term={t('confirm.name')}>{organization.name.trim()}</Fact>
        <Fact term={t('confirm.slug')}>{organization.slug.trim()}</Fact>
      </SummarySection>
      <SummarySection step="system">
        <Fact term={t('confirm.system')}>{hasIntegration ? t(`common:systems.${system}`) : t('confirm.noSystem')}</Fact>
      </SummarySection>
      {hasIntegration && connection ? (
        <SummarySection step="credentials">
          <Fact term={t('confirm.address')}>{connection.baseUrl.trim()}</Fact>
          <Fact term={t('confirm.signIn')}>{t('confirm.signInValue', { kind: t(`integrations:authKind.${connection.credentials.kind}`) })}</Fact>
          {result?.memberCount != null ? <Fact term={t('confirm.members')}>{format.count(result.memberCount)}</Fact> : null}
        </SummarySection>
      ) : null}
      {hasIntegration ? (
        <SummarySection step="schedule">
          <Fact term={t('confirm.schedule')}>
            {schedule.preset === 'custom'
              ? `${t('schedule.presets.custom')}: ${schedule.customCron.trim()}`
              : t(`schedule.presets.${schedule.preset}`, { time: schedule.time, day: weekdayName(Number(schedule.weekday)) })}
          </Fact>
          <Fact term={t('confirm.deltaLabel')}>{t('confirm.delta', { count: schedule.deltaIntervalMinutes })}</Fact>
        </SummarySection>
      ) : null}
      <SummarySection step="administrators">
        <Fact term={t('confirm.admins')}>
          {admins.length === 0 ? (
            t('confirm.noAdmins')
          ) : (
            <ul>
              {admins.map((admin) => (
                <li key={admin.userId}>{t('administrators.entry', { name: admin.displayName, email: admin.email })}</li>
              ))}
            </ul>
          )}
        </Fact>
      </SummarySection>
    </div>
  );
}

function SummarySection({ step, children }: { step: StepId; children: ReactNode }) {
  const { t } = useTranslation('onboarding');
  const section = t(`steps.${step}`);
  return (
    <section className="wizard-summary-section" data-step={step}>
      <div className="wizard-summary-heading">
        <h3>{section}</h3>
        <Button variant="link" aria-label={t('confirm.changeLabel', { section })} onClick={() => onboardingDraft.goTo(step)}>
          {t('confirm.change')}
        </Button>
      </div>
      <dl>{children}</dl>
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="wizard-fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
