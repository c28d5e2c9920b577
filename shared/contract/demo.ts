import { z } from 'zod';
import { RegistryConnection } from './integrations.ts';

/**
 * A fresh simulated registry the embedded demo runs for onboarding practice: no organization
 * is connected to it yet. Its credentials are the simulator's synthetic demo values, never an
 * organization's. The remote host has none.
 */
export const DemoRegistry = z.object({
  connection: RegistryConnection,
  organizationName: z.string(),
  memberCount: z.number().int().nonnegative(),
});
export type DemoRegistry = z.infer<typeof DemoRegistry>;
