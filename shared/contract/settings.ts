import { z } from 'zod';
import { SyncSafetySettings } from '../domain/conflict-rules.ts';
import { AdminRef, isoDateTime } from './schemas.ts';

export const OrgSyncSettings = SyncSafetySettings.extend({
  orgId: z.uuid(),
  /** True while the organization has saved nothing and the defaults apply. */
  isDefault: z.boolean(),
  updatedBy: AdminRef.nullable(),
  updatedAt: isoDateTime.nullable(),
});
export type OrgSyncSettings = z.infer<typeof OrgSyncSettings>;

export const SettingsGetInput = z.object({ orgId: z.uuid() }).strict();

export const SettingsUpdateInput = SyncSafetySettings.extend({ orgId: z.uuid() }).strict();
