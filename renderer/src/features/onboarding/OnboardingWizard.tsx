import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { onboardingDraft, useDraftStep, useSystemDraft } from './draft-store.ts';
import { LeaveGuard } from './LeaveGuard.tsx';
import { StepContent } from './StepContent.tsx';
import { StepIndicator } from './StepIndicator.tsx';
import { stepsFor } from './steps.ts';

/** The wizard's frame: where the admin is, the current step under its heading, and the question before leaving. */
export function OnboardingWizard() {
  const { t } = useTranslation('onboarding');
  const step = useDraftStep();
  const system = useSystemDraft();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(step);

  // A new step takes focus at its heading, so a screen reader starts reading it (WCAG 2.4.3).
  useEffect(() => {
    if (shown.current === step) return;
    shown.current = step;
    heading.current?.focus();
  }, [step]);

  // The draft, credentials included, does not outlive the wizard.
  useEffect(() => () => onboardingDraft.discard(), []);

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="page-intro">{t('intro')}</p>
      <StepIndicator steps={stepsFor(system)} current={step} />
      <section className="panel wizard-step" aria-labelledby={headingId} data-testid="onboarding-step" data-step={step}>
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {t(`steps.${step}`)}
        </h2>
        <StepContent step={step} system={system} />
      </section>
      <LeaveGuard />
    </>
  );
}
