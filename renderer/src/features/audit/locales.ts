import type { Catalog } from '../../i18n/catalog.ts';

const en = {
  title: 'Audit history',
} as const;

const nb: Catalog<typeof en> = {
  title: 'Logg',
};

export const auditText = { en, nb };
