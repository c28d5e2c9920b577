import type { Catalog } from '../../i18n/catalog.ts';

const en = {
  title: 'Conflict rules',
} as const;

const nb: Catalog<typeof en> = {
  title: 'Konfliktregler',
};

export const rulesText = { en, nb };
