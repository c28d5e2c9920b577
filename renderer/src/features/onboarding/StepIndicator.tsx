import { useTranslation } from 'react-i18next';
import type { StepId } from './steps.ts';

/** Where the admin is: "Step 3 of 7" and every step by name, the current one marked for screen readers too. */
export function StepIndicator({ steps, current }: { steps: readonly StepId[]; current: StepId }) {
  const { t } = useTranslation('onboarding');
  const index = steps.indexOf(current);
  return (
    <div className="wizard-steps">
      <p className="wizard-progress" data-testid="step-progress">
        {t('stepper.progress', { current: index + 1, total: steps.length })}
      </p>
      <ol aria-label={t('stepper.label')}>
        {steps.map((step, position) => (
          <li
            key={step}
            aria-current={step === current ? 'step' : undefined}
            className={position < index ? 'is-done' : step === current ? 'is-current' : undefined}
          >
            {t(`steps.${step}`)}
          </li>
        ))}
      </ol>
    </div>
  );
}
