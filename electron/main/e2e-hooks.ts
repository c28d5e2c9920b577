import type { EmbeddedHost } from './host/embedded-host.ts';
import { startCornerstoneSim } from '../../sim/cornerstone/server.ts';
import type { CornerstoneMemberPatch } from '../../sim/cornerstone/records.ts';
import { vippsLevers } from './host/demo-vipps-levers.ts';

/**
 * Levers for the `electron` Playwright project, installed only when MSC_E2E_HOOKS=1 in an
 * unpackaged build. They mirror the browser project's fixtures one for one.
 */
export interface E2eHooks {
  query(sql: string, params: unknown[]): Promise<unknown[]>;
  setDown(down: boolean): Promise<void>;
  setLatency(ms: number): Promise<void>;
  failNext(count: number, status: number): Promise<void>;
  rotatePassword(): Promise<void>;
  editMember(index: number, patch: CornerstoneMemberPatch): Promise<void>;
  holdWebhooks(count: number): Promise<void>;
  releaseWebhooks(): Promise<void>;
  setMemberCount(count: number): Promise<void>;
  signWebhooksWith(url: string, secret: string): Promise<void>;
  setOnboardingLatency(ms: number): Promise<void>;
  vippsCandidate(kind: 'writable' | 'birth_date_typo', skip: number): Promise<number>;
  vippsLogin(index: number): Promise<{ status: number; body: unknown }>;
  registryHoldsVippsNumber(index: number): Promise<boolean>;
}

export function installE2eHooks(host: EmbeddedHost): void {
  let sim = host.cornerstone;
  const vipps = vippsLevers(host, () => sim);
  const hooks: E2eHooks = {
    query: async (sql, params) => (await host.db.query(sql, params)).rows,
    setDown: async (down) => sim.setDown(down),
    setLatency: async (ms) => sim.setLatency(ms),
    failNext: async (count, status) => sim.failNext(count, status),
    rotatePassword: async () => {
      const port = Number(new URL(sim.url).port);
      const credentials = { ...sim.credentials, password: `${sim.credentials.password}-rotated` };
      const memberCount = sim.memberCount;
      await sim.close();
      sim = await startCornerstoneSim({ memberCount, port, credentials, organizationName: sim.organization.name });
    },
    editMember: async (index, patch) => {
      sim.updateMember(index, patch);
    },
    holdWebhooks: async (count) => sim.reorderNextWebhooks(count),
    releaseWebhooks: () => sim.flushWebhooks(),
    setMemberCount: async (count) => sim.setMemberCount(count),
    signWebhooksWith: async (url, secret) => sim.configureWebhooks({ url, secret }),
    setOnboardingLatency: async (ms) => {
      for (const registry of host.onboarding) registry.sim.setLatency(ms);
    },
    vippsCandidate: (kind, skip) => vipps.candidate(kind, skip),
    vippsLogin: (index) => vipps.login(index),
    registryHoldsVippsNumber: (index) => vipps.registryHoldsVippsNumber(index),
  };
  (globalThis as unknown as { __mscE2eHooks: E2eHooks }).__mscE2eHooks = hooks;
}
