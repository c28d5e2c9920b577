import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, languages, type Language } from '../../i18n/catalog.ts';

/**
 * A change's time to the second, in Oslo time: both sides of a conflict often change within the
 * same minute, and which changed last decides the proposal when a person is asked.
 */
export function useChangedAt(): (iso: string) => string {
  const { i18n } = useTranslation();
  const language: Language = (languages as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en';
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Oslo' });
    return (iso) => format.format(new Date(iso));
  }, [language]);
}
