import { z } from 'zod';
import { StorableText } from '../domain/storable.ts';
import { NewIntegration } from './integrations.ts';
import { SyncJobView } from './schemas.ts';

/** A web-address-friendly name: lower-case letters, digits and single hyphens. */
export const OrganizationSlug = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'Use lower-case letters, digits and hyphens, like "norsk-friluftslag".' });

export const OrganizationName = StorableText.trim().min(2).max(120);

/** The most administrators one onboarding names; more are added later. */
export const MAX_ONBOARDING_ADMINS = 20;

/**
 * A new organization, complete: it is created with its integration (or none), its
 * administrators and an initial full sync, or not at all. Global admins only.
 */
export const OnboardOrganizationInput = z
  .object({
    name: OrganizationName,
    slug: OrganizationSlug,
    /** Null: the organization has no member system integration (yet). */
    integration: NewIntegration.nullable(),
    /** Existing administrator accounts, found by e-mail (`admins.find`). */
    adminUserIds: z.array(z.uuid()).max(MAX_ONBOARDING_ADMINS),
  })
  .strict();
export type OnboardOrganizationInput = z.infer<typeof OnboardOrganizationInput>;

export const OnboardOrganizationOutput = z.object({
  orgId: z.uuid(),
  integrationId: z.uuid().nullable(),
  /** The initial full sync, queued; null without an integration. */
  initialSync: SyncJobView.nullable(),
});

export const AdminEmail = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const FindAdminInput = z.object({ email: AdminEmail }).strict();

/** An administrator account, as onboarding chooses it. */
export const AdminAccount = z.object({ userId: z.uuid(), email: z.string(), displayName: z.string(), isGlobal: z.boolean() });
export type AdminAccount = z.infer<typeof AdminAccount>;
