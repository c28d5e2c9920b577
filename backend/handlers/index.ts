import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import type { BackendContext } from './context.ts';
import { registerAlertHandlers } from './alerts.ts';
import { registerAuditHandlers } from './audit.ts';
import { registerConflictHandlers } from './conflicts.ts';
import { registerEnrichmentHandlers } from './enrichment.ts';
import { registerHealthHandlers } from './health.ts';
import { registerIntegrationHandlers } from './integrations.ts';
import { registerConnectionTestHandlers } from './connection-tests.ts';
import { registerWebhookSecretHandlers } from './webhook-secrets.ts';
import { registerOnboardingHandlers } from './onboarding.ts';
import { registerOrganizationHandlers } from './organizations.ts';
import { registerRuleHandlers } from './rules.ts';
import { registerRunHandlers } from './runs.ts';
import { registerSettingsHandlers } from './settings.ts';
import { registerSyncHandlers } from './sync.ts';

/** The backend's operations, the same in the embedded host and in the `admin-api` Edge Function. */
export function registerBackendHandlers(router: Router<Operations, BackendContext>): void {
  registerOrganizationHandlers(router);
  registerHealthHandlers(router);
  registerSyncHandlers(router);
  registerRunHandlers(router);
  registerConflictHandlers(router);
  registerRuleHandlers(router);
  registerSettingsHandlers(router);
  registerIntegrationHandlers(router);
  registerConnectionTestHandlers(router);
  registerWebhookSecretHandlers(router);
  registerOnboardingHandlers(router);
  registerAuditHandlers(router);
  registerAlertHandlers(router);
  registerEnrichmentHandlers(router);
}
