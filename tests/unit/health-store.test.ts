// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BridgeResult, ConsoleBridge } from '../../shared/contract/bridge.ts';
import type { IntegrationHealth } from '../../shared/contract/schemas.ts';

function health(integrationId: string, activeJob: boolean): IntegrationHealth {
  return {
    integrationId,
    orgId: '0b7e9a3c-3f1a-4a57-9a0e-2f6f1b1c2d3e',
    orgName: 'Kystkoret',
    system: 'cornerstone',
    displayName: 'Cornerstone',
    enabled: true,
    health: activeJob ? 'syncing' : 'healthy',
    lastSuccessAt: null,
    memberCount: 0,
    lastRun: null,
    activeJob: activeJob
      ? {
          id: '5b7e9a3c-3f1a-4a57-9a0e-2f6f1b1c2d3e',
          integrationId,
          kind: 'full',
          status: 'running',
          requestedAt: '2026-11-23T10:00:00.000Z',
          startedAt: '2026-11-23T10:00:00.000Z',
          finishedAt: null,
          processed: 10,
          total: 100,
          errorCode: null,
          errorMessage: null,
          errorActor: null,
        }
      : null,
  };
}

const A = '1b7e9a3c-3f1a-4a57-9a0e-2f6f1b1c2d3e';
const B = '2b7e9a3c-3f1a-4a57-9a0e-2f6f1b1c2d3e';

async function storeOver(call: ConsoleBridge['call']) {
  Object.defineProperty(window, 'consoleBridge', { value: { call }, configurable: true });
  vi.resetModules();
  const { useHealthStore } = await import('../../renderer/src/stores/health.ts');
  const { useNotifyStore } = await import('../../renderer/src/stores/notify.ts');
  return { useHealthStore, useNotifyStore };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('health store', () => {
  it('keeps the newest answer when an older one arrives late', async () => {
    const answers: Array<(result: BridgeResult) => void> = [];
    const { useHealthStore } = await storeOver(() => new Promise((resolve) => answers.push(resolve)));
    const first = useHealthStore.getState().load();
    const second = useHealthStore.getState().load();
    answers[1]?.({ ok: true, value: [health(B, false)] });
    await second;
    answers[0]?.({ ok: true, value: [health(A, false)] });
    await first;
    expect(useHealthStore.getState().integrations.map((row) => row.integrationId)).toEqual([B]);
  });

  it('polls while a job runs, slows down on failures, says so once, and stops when the job ends', async () => {
    vi.useFakeTimers();
    const script: BridgeResult[] = [
      { ok: true, value: [health(A, true)] },
      { ok: false, error: { code: 'internal', message: 'Down.', actor: 'operator' } },
      { ok: false, error: { code: 'internal', message: 'Down.', actor: 'operator' } },
      { ok: true, value: [health(A, false)] },
    ];
    const call = vi.fn<ConsoleBridge['call']>(async () => script.shift() ?? { ok: true, value: [] });
    const { useHealthStore, useNotifyStore } = await storeOver(call);

    await useHealthStore.getState().load();
    await vi.advanceTimersByTimeAsync(400); // first poll: fails
    expect(call).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(400); // backing off: 800 ms now, nothing yet
    expect(call).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(400); // second failure
    expect(call).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1_600); // recovers; the job has ended
    expect(call).toHaveBeenCalledTimes(4);
    expect(useNotifyStore.getState().notices).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(call).toHaveBeenCalledTimes(4);
    expect(useHealthStore.getState().integrations[0]?.activeJob).toBeNull();
  });
});
