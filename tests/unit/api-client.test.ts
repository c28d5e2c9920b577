// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { BridgeResult, ConsoleBridge } from '../../shared/contract/bridge.ts';

const ORG = { id: '0b7e9a3c-3f1a-4a57-9a0e-2f6f1b1c2d3e', name: 'Kystkoret', slug: 'kystkoret' };

async function clientOver(answer: BridgeResult) {
  const call = vi.fn<ConsoleBridge['call']>(async () => answer);
  Object.defineProperty(window, 'consoleBridge', { value: { call }, configurable: true });
  vi.resetModules();
  const { api, ApiError } = await import('../../renderer/src/api/client.ts');
  return { api, ApiError, call };
}

describe('renderer api client', () => {
  it('calls the bridge by operation name and parses the answer with the contract', async () => {
    const { api, call } = await clientOver({ ok: true, value: [ORG] });
    await expect(api.organizations.list({})).resolves.toEqual([ORG]);
    expect(call).toHaveBeenCalledWith('organizations.list', {});
  });

  it('treats a malformed answer as an error, not as data', async () => {
    const { api } = await clientOver({ ok: true, value: [{ ...ORG, id: 42 }] });
    await expect(api.organizations.list({})).rejects.toThrow();
  });

  it('turns an error payload into an ApiError with its code and actor', async () => {
    const { api, ApiError } = await clientOver({ ok: false, error: { code: 'forbidden', message: 'No access.', actor: 'org_admin' } });
    const failure = await api.sync.start({ integrationId: ORG.id }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as InstanceType<typeof ApiError>).payload).toEqual({ code: 'forbidden', message: 'No access.', actor: 'org_admin' });
  });

  it('is typed from the contract: wrong names and arguments do not compile', async () => {
    const { api } = await clientOver({ ok: true, value: [] });
    const typeChecks = () => {
      // @ts-expect-error -- no such operation in the contract
      void api.sync.stop({ integrationId: ORG.id });
      // @ts-expect-error -- integrationId must be given
      void api.sync.start({});
      // @ts-expect-error -- kind is 'full' or 'delta'
      void api.sync.start({ integrationId: ORG.id, kind: 'everything' });
      // @ts-expect-error -- a conflict is resolved by choosing the proposal or a side
      void api.conflicts.resolve({ conflictId: ORG.id, choice: 'both' });
      // @ts-expect-error -- runs are paged by an opaque cursor, not an offset
      void api.runs.list({ offset: 25 });
    };
    expect(typeChecks).toBeTypeOf('function');
  });
});
