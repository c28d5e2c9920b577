import type { Catalog } from '../../i18n/catalog.ts';

const en = {
  title: 'Conflicts',
} as const;

const nb: Catalog<typeof en> = {
  title: 'Konflikter',
};

export const conflictsText = { en, nb };
