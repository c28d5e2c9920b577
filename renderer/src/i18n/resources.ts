import { common } from './common.ts';
import { healthText } from '../features/health/locales.ts';
import { runsText } from '../features/runs/locales.ts';
import { conflictsText } from '../features/conflicts/locales.ts';
import { rulesText } from '../features/rules/locales.ts';
import { auditText } from '../features/audit/locales.ts';
import { alertsText } from '../features/alerts/locales.ts';
import { integrationsText } from '../features/integrations/locales.ts';
import { onboardingText } from '../features/onboarding/locales.ts';
import { enrichmentText } from '../features/enrichment/locales.ts';
import { connectionText } from '../features/connection/locales.ts';

/** One namespace per feature, each owned by its feature folder; `common` holds what all share. */
export const catalogs = {
  common,
  health: healthText,
  runs: runsText,
  conflicts: conflictsText,
  rules: rulesText,
  audit: auditText,
  alerts: alertsText,
  integrations: integrationsText,
  onboarding: onboardingText,
  enrichment: enrichmentText,
  connection: connectionText,
};

export type Namespace = keyof typeof catalogs;
type English = { [N in Namespace]: (typeof catalogs)[N]['en'] };

export const resources = {
  en: Object.fromEntries(Object.entries(catalogs).map(([ns, text]) => [ns, text.en])) as English,
  nb: Object.fromEntries(Object.entries(catalogs).map(([ns, text]) => [ns, text.nb])) as English,
};
