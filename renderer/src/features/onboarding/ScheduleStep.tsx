import { useEffect, useId } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../ui/FormField.tsx';
import { onboardingDraft, useScheduleDraft } from './draft-store.ts';
import { refusalError, useFieldErrorText } from './field-error.ts';
import { NextRuns } from '../integrations/NextRuns.tsx';
import { SCHEDULE_PRESETS } from '../integrations/schedule-presets.ts';
import { cronOfChoice, cronWeekdays, ScheduleChoice, type ScheduleChoiceInput, type ScheduleChoiceValues } from './schedule-choice.ts';
import { useWeekdayName } from './weekday-name.ts';
import { WizardActions } from './WizardActions.tsx';

/** Step 5: when the full sync runs (a preset or cron), its next three runs, and how often changes are fetched between. */
export function ScheduleStep() {
  const { t } = useTranslation('onboarding');
  const errorText = useFieldErrorText();
  const weekdayName = useWeekdayName();
  const groupId = useId();
  const draft = useScheduleDraft();
  const form = useForm<ScheduleChoiceInput, unknown, ScheduleChoiceValues>({ resolver: zodResolver(ScheduleChoice), defaultValues: draft });
  const values = useWatch({ control: form.control });
  const { preset = 'nightly', time = '', weekday = '1', customCron = '' } = values;
  const errors = form.formState.errors;

  useEffect(() => {
    onboardingDraft.setSchedule(form.getValues());
  }, [values, form]);

  useEffect(() => {
    for (const [field, refusal] of onboardingDraft.takeRefusals(['scheduleCron', 'deltaIntervalMinutes'] as const)) {
      form.setError(field === 'scheduleCron' ? 'customCron' : field, refusalError(refusal));
    }
  }, [form]);

  const onSubmit = form.handleSubmit(() => onboardingDraft.next());
  const shownTime = time === '' ? '–' : time;

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate>
      <p>{t('schedule.intro')}</p>
      <fieldset className="wizard-choices">
        <legend>{t('schedule.legend')}</legend>
        {SCHEDULE_PRESETS.map((option) => (
          <div key={option} className="wizard-choice">
            <input id={`${groupId}-${option}`} type="radio" value={option} {...form.register('preset')} />
            <label htmlFor={`${groupId}-${option}`}>{t(`schedule.presets.${option}`, { time: shownTime, day: weekdayName(Number(weekday)) })}</label>
          </div>
        ))}
      </fieldset>
      {preset === 'custom' ? (
        <FormField label={t('schedule.cron')} hint={t('schedule.cronHint')} error={errorText(errors.customCron, 'customCron')}>
          {(control) => <input {...control} {...form.register('customCron')} type="text" autoComplete="off" spellCheck={false} />}
        </FormField>
      ) : (
        <div className="wizard-row">
          <FormField label={t('schedule.time')} hint={t('schedule.timeHint')} error={errorText(errors.time, 'time')}>
            {/* Text, not type="time": the native field shows the browser's own clock (02:00 AM), not the page's language. */}
            {(control) => (
              <input {...control} {...form.register('time')} type="text" inputMode="numeric" autoComplete="off" placeholder="02:00" maxLength={5} />
            )}
          </FormField>
          {preset === 'weekly' ? (
            <FormField label={t('schedule.weekday')} error={errorText(errors.weekday, 'weekday')}>
              {(control) => (
                <select {...control} {...form.register('weekday')} defaultValue={draft.weekday}>
                  {cronWeekdays.map((day) => (
                    <option key={day} value={String(day)}>
                      {weekdayName(day)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          ) : null}
        </div>
      )}
      <NextRuns expression={cronOfChoice({ preset, time, weekday, customCron })} />
      <p className="field-hint">{t('schedule.timeZone')}</p>
      <FormField label={t('schedule.delta')} hint={t('schedule.deltaHint')} error={errorText(errors.deltaIntervalMinutes, 'deltaIntervalMinutes')}>
        {(control) => (
          <input {...control} {...form.register('deltaIntervalMinutes', { valueAsNumber: true })} type="number" min={5} max={1440} step={1} />
        )}
      </FormField>
      <WizardActions />
    </form>
  );
}
