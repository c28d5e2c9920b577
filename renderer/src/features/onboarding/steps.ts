import type { MemberSystem } from '../../../../shared/domain/integration.ts';

/** A member system, or none: the organization starts without an integration. */
export type SystemChoice = MemberSystem | 'none';

export const stepIds = ['organization', 'system', 'credentials', 'preview', 'schedule', 'administrators', 'confirm'] as const;
export type StepId = (typeof stepIds)[number];

const integrationSteps: ReadonlySet<StepId> = new Set(['credentials', 'preview', 'schedule']);

/** The steps the wizard walks through: without a member system, there is nothing to connect or schedule. */
export function stepsFor(system: SystemChoice | null): StepId[] {
  return system === 'none' ? stepIds.filter((step) => !integrationSteps.has(step)) : [...stepIds];
}
