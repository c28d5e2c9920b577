import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../ui/FormField.tsx';
import { DELTA_INTERVALS } from './schedule-presets.ts';

/** How often recent changes are fetched between full syncs; a saved interval not among the choices is kept as one. */
export function DeltaIntervalField({
  register,
  current,
  error,
}: {
  register: UseFormRegisterReturn<'deltaIntervalMinutes'>;
  current: number;
  error: string | undefined;
}) {
  const { t } = useTranslation('integrations');
  const minutes = (DELTA_INTERVALS as readonly number[]).includes(current) ? DELTA_INTERVALS : [...DELTA_INTERVALS, current].sort((a, b) => a - b);
  const label = (value: number) =>
    value === 1440
      ? t('schedule.interval.day')
      : value % 60 === 0
        ? t('schedule.interval.hours', { count: value / 60 })
        : t('schedule.interval.minutes', { count: value });

  return (
    <FormField label={t('schedule.delta')} error={error}>
      {(control) => (
        <select {...control} {...register}>
          {minutes.map((value) => (
            <option key={value} value={value}>
              {label(value)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
