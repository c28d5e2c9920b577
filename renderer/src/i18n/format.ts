import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, languages, type Language } from './catalog.ts';
import { common } from './common.ts';

const TIME_ZONE = 'Europe/Oslo';

export interface Formatters {
  count(value: number): string;
  /** "1. des. 2026, 02:00" / "1 Dec 2026, 02:00", in Oslo time. */
  dateTime(iso: string): string;
  /** The same to the second: when two changes within one minute must be told apart. */
  dateTimeSeconds(iso: string): string;
  date(iso: string): string;
  /** "14:32": the time of day in Oslo, for a moment within the next hours. */
  time(iso: string): string;
  /** "34,5 %" / "34.5%": a percentage given as 0–100, with at most one decimal. */
  percent(value: number): string;
  /** "for 3 minutter siden" / "3 minutes ago". */
  relative(iso: string, now: number): string;
  /** "2 min 5 s" / "1,4 s": Intl.DurationFormat is missing in Node 20, where component tests run. */
  duration(ms: number): string;
}

function languageOf(code: string): Language {
  return (languages as readonly string[]).includes(code) ? (code as Language) : 'en';
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
];

export function createFormatters(language: Language): Formatters {
  const locale = LOCALES[language];
  const numbers = new Intl.NumberFormat(locale);
  const decimals = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const integers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: TIME_ZONE });
  const times = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: TIME_ZONE });
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dateTimesSeconds = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: TIME_ZONE });
  const relatives = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const { hours, minutes, seconds } = common[language].units;
  const units = { h: hours, min: minutes, s: seconds };
  return {
    count: (value) => numbers.format(value),
    dateTime: (iso) => dateTimes.format(new Date(iso)),
    dateTimeSeconds: (iso) => dateTimesSeconds.format(new Date(iso)),
    date: (iso) => dates.format(new Date(iso)),
    time: (iso) => times.format(new Date(iso)),
    percent: (value) => percents.format(value / 100),
    relative(iso, now) {
      let amount = (new Date(iso).getTime() - now) / 1000;
      for (const [unit, size] of RELATIVE_STEPS) {
        if (Math.abs(amount) < size) return relatives.format(Math.round(amount), unit);
        amount /= size;
      }
      return relatives.format(Math.round(amount), 'year');
    },
    duration(ms) {
      // A connection test or a small run can take a few milliseconds; "0 s" would read as nothing.
      if (ms < 1000) return `${integers.format(Math.max(1, Math.round(ms)))} ms`;
      if (ms < 60_000) return `${decimals.format(ms / 1000)} ${units.s}`;
      const totalSeconds = Math.round(ms / 1000);
      const hours = Math.floor(totalSeconds / 3600);
      const minutes = Math.floor((totalSeconds % 3600) / 60);
      const seconds = totalSeconds % 60;
      if (hours > 0) return `${hours} ${units.h} ${minutes} ${units.min}`;
      return seconds > 0 ? `${minutes} ${units.min} ${seconds} ${units.s}` : `${minutes} ${units.min}`;
    },
  };
}

/** Formatters for the language the console shows now. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = languageOf(i18n.language);
  return useMemo(() => createFormatters(language), [language]);
}
