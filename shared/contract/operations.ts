import { z } from 'zod';
import { operation } from './operation.ts';
import { IntegrationHealth, Organization, Session, SyncJobView } from './schemas.ts';

/**
 * The contract: every operation the console can ask of its backend. The main-process router,
 * the preload bridge, the renderer client and the `admin-api` Edge Function are all generic over it.
 * Names are `domain.verb`.
 */
export const operations = {
  'session.get': operation(z.object({}).strict(), Session),
  'session.actAs': operation(z.object({ userId: z.uuid() }).strict(), Session),

  'organizations.list': operation(z.object({}).strict(), z.array(Organization)),

  'health.list': operation(z.object({ orgId: z.uuid().optional() }).strict(), z.array(IntegrationHealth)),

  'sync.start': operation(
    z.object({ integrationId: z.uuid(), kind: z.enum(['full']).default('full') }).strict(),
    z.object({ job: SyncJobView, alreadyActive: z.boolean() }),
  ),
  'sync.job': operation(z.object({ jobId: z.uuid() }).strict(), SyncJobView),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
