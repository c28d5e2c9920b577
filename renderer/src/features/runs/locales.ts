import type { Catalog } from '../../i18n/catalog.ts';

const en = {
  title: 'Run history',
} as const;

const nb: Catalog<typeof en> = {
  title: 'Synkhistorikk',
};

export const runsText = { en, nb };
