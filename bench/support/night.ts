/**
 * A night of nightly full syncs, extrapolated from per-member CPU measured on one organization.
 * Nothing here runs a sync: it is arithmetic over the bench's measurements, so that the CPU a
 * whole night would cost, and the number of worker invocations it takes, can be read next to
 * the figures they come from.
 */

/** What a night looks like: every organization the same size, the same share changed since the last night. */
export interface NightShape {
  organizations: number;
  membersPerOrganization: number;
  /** Members per organization that changed in the registry since the previous night. */
  changedPerOrganization: number;
}

/** The measured costs a night is built from, all of the engine process's CPU. */
export interface MeasuredMemberCosts {
  /** An unchanged re-sync (b): CPU µs per member seen. */
  unchangedUsPerMember: number;
  /** A re-sync after changes (c): its total CPU, the members it saw and how many it created, updated or lapsed. */
  changedRun: { cpuMs: number; seen: number; changed: number };
}

export interface NightEstimate {
  /** What a changed member costs beyond reading and comparing it, from (c) less (b); never below 0. */
  extraUsPerChangedMember: number;
  cpuMsPerOrganization: number;
  cpuSeconds: number;
  invocationsPerOrganization: number;
  invocations: number;
}

export const NIGHT: NightShape = { organizations: 300, membersPerOrganization: 100_000, changedPerOrganization: 1_000 };

/**
 * Every member costs what an unchanged one does; a changed one costs the extra (c) measured
 * per changed member on top. Each organization's job runs in invocations of its own, so the
 * invocations are counted per organization (rounded up) and then summed.
 */
export function estimateNight(costs: MeasuredMemberCosts, budgetMs: number, shape: NightShape = NIGHT): NightEstimate {
  const { unchangedUsPerMember, changedRun } = costs;
  // (c) less what its members would have cost unchanged, spread over the members it changed.
  const extraUs = changedRun.changed > 0 ? (changedRun.cpuMs * 1000 - changedRun.seen * unchangedUsPerMember) / changedRun.changed : 0;
  const extraUsPerChangedMember = Math.max(0, extraUs);
  const unchanged = shape.membersPerOrganization - shape.changedPerOrganization;
  const organizationUs = unchanged * unchangedUsPerMember + shape.changedPerOrganization * (unchangedUsPerMember + extraUsPerChangedMember);
  const cpuMsPerOrganization = organizationUs / 1000;
  const invocationsPerOrganization = Math.ceil(cpuMsPerOrganization / budgetMs);
  return {
    extraUsPerChangedMember,
    cpuMsPerOrganization,
    cpuSeconds: (shape.organizations * cpuMsPerOrganization) / 1000,
    invocationsPerOrganization,
    invocations: shape.organizations * invocationsPerOrganization,
  };
}
