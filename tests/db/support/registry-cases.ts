import type { Db } from '../../../backend/db/port.ts';
import type { SourceResolver } from '../../../backend/engine/source-resolver.ts';
import type { EvolvePlan, EvolveResult } from '../../../sim/shared/registry-sim.ts';
import type { DatabaseTarget } from '../harness.ts';
import { openConsioEngineFixture } from './consio-fixture.ts';
import { integrationId, openEngineFixture, orgId } from './engine-fixture.ts';
import { consioReading, cornerstoneReading, registryTruth, type RegistryTruth } from './registry-truth.ts';

/** One registry behind the engine, driven through the levers both simulators share. */
export interface OpenedRegistry {
  db: Db;
  resolveSource: SourceResolver;
  target: { integrationId: string; orgId: string };
  /** What the database must equal now. */
  truth(): RegistryTruth;
  setTransientFailureRate(rate: number): void;
  setInvalidRecordRate(rate: number): void;
  evolve(plan: EvolvePlan): EvolveResult;
  /** Since the last reset: data requests failed on purpose, and member pages actually served. */
  faultStats(): { transientFailures: number; pagesServed: number };
  resetStats(): void;
  close(): Promise<void>;
}

export interface RegistryCase {
  name: 'Cornerstone' | 'Consio';
  open(target: DatabaseTarget, options: { memberCount: number; seed: number }): Promise<OpenedRegistry>;
}

export const cornerstoneCase: RegistryCase = {
  name: 'Cornerstone',
  async open(target, options) {
    const fixture = await openEngineFixture(target, options);
    const { sim } = fixture;
    return {
      db: fixture.db,
      resolveSource: fixture.resolveSource,
      target: { integrationId, orgId },
      truth: () => registryTruth(sim, cornerstoneReading),
      setTransientFailureRate: (rate) => sim.setTransientFailureRate(rate),
      setInvalidRecordRate: (rate) => sim.setInvalidRecordRate(rate),
      evolve: (plan) => sim.evolve(plan),
      faultStats: () => ({ transientFailures: sim.stats.transientFailuresServed, pagesServed: sim.stats.memberPageRequests }),
      resetStats: () => sim.resetStats(),
      close: () => fixture.close(),
    };
  },
};

export const consioCase: RegistryCase = {
  name: 'Consio',
  async open(target, options) {
    const fixture = await openConsioEngineFixture(target, options);
    const { sim } = fixture;
    return {
      db: fixture.db,
      resolveSource: fixture.resolveSource,
      target: fixture.target,
      truth: () => registryTruth(sim, consioReading),
      setTransientFailureRate: (rate) => sim.setTransientFailureRate(rate),
      setInvalidRecordRate: (rate) => sim.setInvalidRecordRate(rate),
      evolve: (plan) => sim.evolve(plan),
      faultStats: () => ({ transientFailures: sim.stats.transientFailures, pagesServed: sim.stats.memberListRequests }),
      resetStats: () => sim.resetStats(),
      close: () => fixture.close(),
    };
  },
};
