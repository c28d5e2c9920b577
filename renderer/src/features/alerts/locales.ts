import type { Catalog } from '../../i18n/catalog.ts';

const en = {
  title: 'Alerts',
} as const;

const nb: Catalog<typeof en> = {
  title: 'Varsler',
};

export const alertsText = { en, nb };
