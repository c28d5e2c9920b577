import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, languages, type Language } from '../../i18n/catalog.ts';

// 4 January 1970 was a Sunday: cron's day 0.
const SUNDAY_MS = Date.UTC(1970, 0, 4, 12);
const DAY_MS = 86_400_000;

/** A cron day of the week (0 = Sunday) by name in the chosen language: "Monday", "mandag". */
export function useWeekdayName(): (cronDay: number) => string {
  const { i18n } = useTranslation();
  const language: Language = (languages as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en';
  return useCallback(
    (cronDay) =>
      new Intl.DateTimeFormat(LOCALES[language], { weekday: 'long', timeZone: 'UTC' }).format(new Date(SUNDAY_MS + (cronDay % 7) * DAY_MS)),
    [language],
  );
}
