import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { dayKey } from '../integrations/schedule-presets.ts';

/** A cron day of the week (0 = Sunday) by name, as the settings screen's schedule names it: "Monday", "mandag". */
export function useWeekdayName(): (cronDay: number) => string {
  const { t } = useTranslation('integrations');
  return useCallback((cronDay) => t(`schedule.days.${dayKey(cronDay)}`), [t]);
}
