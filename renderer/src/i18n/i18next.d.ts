import 'i18next';
import type { resources } from './resources.ts';

// Typed keys: `t('health:card.syncNow')` is checked against the English catalog, so a missing or
// misspelled key fails `tsc`.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: (typeof resources)['en'];
  }
}
