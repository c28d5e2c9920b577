import { z } from 'zod';
import { operation } from './operation.ts';
import { IntegrationHealth, Organization, Session, SyncJobView } from './schemas.ts';
import { QuarantinedRecordPage, RunIdInput, RunQuarantinedInput, RunsListInput, SyncRunPage, SyncRunView } from './runs.ts';
import { ConflictIdInput, ConflictPage, ConflictResolveInput, ConflictsListInput, ConflictView } from './conflicts.ts';
import { OrgConflictRules, RulesListInput, RulesPreviewInput, RulesPreviewOutput, RulesUpdateInput, RulesUpdateOutput } from './rules.ts';
import { OrgSyncSettings, SettingsGetInput, SettingsUpdateInput } from './settings.ts';
import {
  ConnectionTestResult,
  CreateIntegrationInput,
  IntegrationIdInput,
  IntegrationSchedule,
  IntegrationSettings,
  RotateWebhookSecretInput,
  RotateWebhookSecretOutput,
  TestConnectionInput,
  UpdateIntegrationInput,
  UpdateIntegrationOutput,
  UpdateScheduleInput,
} from './integrations.ts';
import { DemoRegistry } from './demo.ts';
import { AdminAccount, FindAdminInput, OnboardOrganizationInput, OnboardOrganizationOutput } from './onboarding.ts';
import { AuditActors, AuditActorsInput, AuditEventDetail, AuditEventPage, AuditGetInput, AuditListInput } from './audit.ts';
import { AlertIdInput, AlertPage, AlertsListInput, AlertView } from './alerts.ts';
import {
  EnrichmentEventIdInput,
  EnrichmentEventPage,
  EnrichmentEventView,
  EnrichmentListInput,
  EnrichmentOverview,
  EnrichmentOverviewInput,
  EnrichmentRetryOutput,
  OrgEnrichment,
  UpdateEnrichmentSettingsInput,
} from './enrichment.ts';

const SyncStartInput = z
  .object({
    integrationId: z.uuid(),
    /** A delta reads only what changed since the last sync; it needs a full sync first. */
    kind: z.enum(['full', 'delta']).default('full'),
    /** Report what a full sync would change, and apply nothing. */
    dryRun: z.boolean().default(false),
  })
  .strict()
  .refine((input) => !(input.dryRun && input.kind === 'delta'), {
    path: ['dryRun'],
    message: 'A dry run is always a full sync; choose a full sync to preview changes.',
  });

/**
 * The contract: every operation the console can ask of its backend. The main-process router,
 * the preload bridge, the renderer client and the `admin-api` Edge Function are all generic over it.
 * Names are `domain.verb`. Lists page by keyset (`pagination.ts`).
 */
export const operations = {
  'session.get': operation(z.object({}).strict(), Session),
  'session.actAs': operation(z.object({ userId: z.uuid() }).strict(), Session),
  /** Embedded demo only: fresh simulated registries to onboard a practice organization against; empty elsewhere. */
  'demo.registries': operation(z.object({}).strict(), z.array(DemoRegistry)),

  'organizations.list': operation(z.object({}).strict(), z.array(Organization)),
  /** Global admins only: the organization, its integration, its admins and the initial sync, all or nothing. */
  'organizations.onboard': operation(OnboardOrganizationInput, OnboardOrganizationOutput),

  /** Global admins only: an existing administrator account by e-mail, for onboarding. */
  'admins.find': operation(FindAdminInput, AdminAccount),

  'health.list': operation(z.object({ orgId: z.uuid().optional() }).strict(), z.array(IntegrationHealth)),

  'sync.start': operation(SyncStartInput, z.object({ job: SyncJobView, alreadyActive: z.boolean() })),
  'sync.job': operation(z.object({ jobId: z.uuid() }).strict(), SyncJobView),
  /** Cancels a queued or running job; one that has already finished is a `conflict`. */
  'sync.cancel': operation(z.object({ jobId: z.uuid() }).strict(), SyncJobView),

  'runs.list': operation(RunsListInput, SyncRunPage),
  'runs.get': operation(RunIdInput, SyncRunView),
  'runs.quarantined': operation(RunQuarantinedInput, QuarantinedRecordPage),
  'runs.approve': operation(
    RunIdInput,
    z.object({
      run: SyncRunView,
      lapsed: z.number().int().nonnegative(),
      removed: z.number().int().nonnegative(),
      /** Held-back changes that lapsed no one: members who resigned or died. */
      updated: z.number().int().nonnegative(),
    }),
  ),
  'runs.reject': operation(RunIdInput, z.object({ run: SyncRunView })),

  'conflicts.list': operation(ConflictsListInput, ConflictPage),
  'conflicts.get': operation(ConflictIdInput, ConflictView),
  'conflicts.resolve': operation(ConflictResolveInput, ConflictView),

  'rules.list': operation(RulesListInput, OrgConflictRules),
  'rules.update': operation(RulesUpdateInput, RulesUpdateOutput),
  'rules.preview': operation(RulesPreviewInput, RulesPreviewOutput),

  'settings.get': operation(SettingsGetInput, OrgSyncSettings),
  'settings.update': operation(SettingsUpdateInput, OrgSyncSettings),

  'integrations.get': operation(IntegrationIdInput, IntegrationSettings),
  /** Tries credentials (typed in a form, or saved) against the registry, within 10 s; a refusal is a result, not an error. */
  'integrations.testConnection': operation(TestConnectionInput, ConnectionTestResult),
  /** Global admins only: a member system integration for an organization that has none for that system. */
  'integrations.create': operation(CreateIntegrationInput, UpdateIntegrationOutput),
  'integrations.update': operation(UpdateIntegrationInput, UpdateIntegrationOutput),
  'integrations.updateSchedule': operation(UpdateScheduleInput, IntegrationSchedule),
  /** A new Cornerstone webhook signing secret, shown once; the old one is accepted for the overlap. */
  'integrations.rotateWebhookSecret': operation(RotateWebhookSecretInput, RotateWebhookSecretOutput),

  'audit.list': operation(AuditListInput, AuditEventPage),
  'audit.get': operation(AuditGetInput, AuditEventDetail),
  'audit.actors': operation(AuditActorsInput, AuditActors),

  'alerts.list': operation(AlertsListInput, AlertPage),
  'alerts.acknowledge': operation(AlertIdInput, AlertView),

  /** Vipps personnummer enrichment per organization: the switch, its legal basis and the statistics. */
  'enrichment.overview': operation(EnrichmentOverviewInput, EnrichmentOverview),
  'enrichment.list': operation(EnrichmentListInput, EnrichmentEventPage),
  /** Tries a write that is not done again now, while the number is still held; else at the member's next login. */
  'enrichment.retry': operation(EnrichmentEventIdInput, EnrichmentRetryOutput),
  /** A birth-date case an administrator has checked by hand. */
  'enrichment.markReviewed': operation(EnrichmentEventIdInput, EnrichmentEventView),
  /** Switching on needs a legal basis; the first time counts the baseline. */
  'enrichment.updateSettings': operation(UpdateEnrichmentSettingsInput, OrgEnrichment),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
