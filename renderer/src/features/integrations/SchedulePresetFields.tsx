import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../ui/FormField.tsx';
import { SCHEDULE_PRESETS, WEEK_DAYS, type ScheduleChoice, type SchedulePreset } from './schedule-presets.ts';

/** The full sync's schedule as a preset (every night, every week) with its time and day, or a cron expression. */
export function SchedulePresetFields({
  choice,
  error,
  onChoose,
  customInput,
}: {
  choice: ScheduleChoice;
  error: string | undefined;
  onChoose(next: ScheduleChoice): void;
  customInput: UseFormRegisterReturn<'scheduleCron'>;
}) {
  const { t } = useTranslation('integrations');
  return (
    <div className="schedule-fields">
      <FormField label={t('schedule.preset')}>
        {(control) => (
          <select {...control} value={choice.preset} onChange={(event) => onChoose({ ...choice, preset: event.target.value as SchedulePreset })}>
            {SCHEDULE_PRESETS.map((preset) => (
              <option key={preset} value={preset}>
                {t(`schedule.presets.${preset}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {choice.preset === 'weekly' ? (
        <FormField label={t('schedule.day')}>
          {(control) => (
            <select {...control} value={choice.day} onChange={(event) => onChoose({ ...choice, day: Number(event.target.value) })}>
              {WEEK_DAYS.map(([day, key]) => (
                <option key={day} value={day}>
                  {t(`schedule.days.${key}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : null}
      {choice.preset === 'custom' ? (
        <FormField label={t('schedule.custom')} hint={t('schedule.customHint')} error={error}>
          {(control) => <input {...control} type="text" autoComplete="off" spellCheck={false} {...customInput} />}
        </FormField>
      ) : (
        <FormField label={t('schedule.time')} error={error}>
          {(control) => (
            // Text, not type="time": the native field shows the browser's own clock (02:00 AM), not the page's language.
            <input
              {...control}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder="02:00"
              maxLength={5}
              value={choice.time}
              onChange={(event) => onChoose({ ...choice, time: event.target.value })}
            />
          )}
        </FormField>
      )}
    </div>
  );
}
