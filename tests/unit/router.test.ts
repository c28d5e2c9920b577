import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createRouter } from '../../backend/rpc/router.ts';
import { operation } from '../../shared/contract/operation.ts';
import { AppError, AppErrorPayload, clipText, ERROR_LIMITS } from '../../shared/domain/errors.ts';
import { SourceError } from '../../backend/adapters/member-source.ts';

const contract = {
  'things.get': operation(z.object({ id: z.uuid() }).strict(), z.object({ id: z.uuid(), name: z.string() })),
  'things.count': operation(z.object({}).strict(), z.number().int()),
};
const ID = '0b7e9a3c-3f1a-4a57-9a0e-2f6f1b1c2d3e';

describe('router', () => {
  it('validates input before the handler runs and lists the failing paths', async () => {
    const router = createRouter<typeof contract, null>(contract);
    const handler = vi.fn(async () => ({ id: ID, name: 'x' }));
    router.register('things.get', handler);
    const result = await router.dispatch('things.get', { id: 'not-a-uuid', extra: 1 }, null);
    expect(handler).not.toHaveBeenCalled();
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const paths = result.ok ? [] : (result.error.issues ?? []).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['id', '(root)']));
  });

  it('throws when an operation is registered twice or is not in the contract', () => {
    const router = createRouter<typeof contract, null>(contract);
    router.register('things.count', async () => 1);
    expect(() => router.register('things.count', async () => 2)).toThrow(/already registered/);
    expect(() => router.register('things.nope' as 'things.count', async () => 2)).toThrow(/not in the contract/);
    expect(router.missing()).toEqual(['things.get']);
  });

  it('answers unknown and unregistered operations with not_found', async () => {
    const router = createRouter<typeof contract, null>(contract);
    for (const name of ['things.get', 'nope', 42, '__proto__', 'constructor']) {
      expect(await router.dispatch(name, {}, null)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });

  it('checks the output too, so a handler cannot leak fields the contract does not name', async () => {
    const onInternalError = vi.fn();
    const router = createRouter<typeof contract, null>(contract, { onInternalError });
    router.register('things.get', async () => ({ id: ID, name: 'x', secret: 's' }) as { id: string; name: string });
    router.register('things.count', async () => 'many' as unknown as number);
    expect(await router.dispatch('things.get', { id: ID }, null)).toEqual({ ok: true, value: { id: ID, name: 'x' } });
    expect(await router.dispatch('things.count', {}, null)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('passes AppError and SourceError messages through, and hides everything else', async () => {
    const router = createRouter<typeof contract, null>(contract, { onInternalError: () => undefined });
    let failure: unknown = new AppError('forbidden', 'No access to that organization.', 'org_admin');
    router.register('things.count', async () => {
      throw failure;
    });
    expect(await router.dispatch('things.count', {}, null)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'No access to that organization.', actor: 'org_admin' },
    });
    failure = new SourceError('source_timeout', 'Cornerstone did not answer in time.', { actor: 'vendor', retryable: true });
    expect(await router.dispatch('things.count', {}, null)).toMatchObject({ ok: false, error: { code: 'source_timeout', actor: 'vendor' } });
    failure = Object.assign(new Error('duplicate key value violates unique constraint "sync_jobs_pkey" select * from sync.members'), {
      code: '23505',
    });
    const conflict = await router.dispatch('things.count', {}, null);
    expect(conflict).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(JSON.stringify(conflict)).not.toMatch(/sync_jobs_pkey|select/);
    failure = new TypeError("Cannot read properties of undefined (reading 'rows') at handler (/src/x.ts:1:1)");
    const internal = await router.dispatch('things.count', {}, null);
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toMatch(/rows|x\.ts/);
  });

  it('clips what an error carries to ERROR_LIMITS, whatever the input echoed or a handler said', async () => {
    const router = createRouter<typeof contract, null>(contract, { onInternalError: () => undefined });
    router.register('things.count', async () => {
      throw new AppError(
        'invalid_input',
        'm'.repeat(10_000),
        'org_admin',
        Array.from({ length: 50 }, (_, i) => ({ path: `p${i}.${'x'.repeat(500)}`, message: 'y'.repeat(5_000) })),
      );
    });
    const answer = await router.dispatch('things.count', {}, null);
    if (answer.ok) throw new Error('expected a failure');
    expect(AppErrorPayload.parse(answer.error)).toEqual(answer.error);
    expect(answer.error.message).toHaveLength(ERROR_LIMITS.message);
    expect(answer.error.message.endsWith('…')).toBe(true);
    expect(answer.error.issues).toHaveLength(ERROR_LIMITS.issues);
    expect(answer.error.issues?.at(-1)).toEqual({ path: '(more)', message: '41 more fields are not valid.' });
  });

  it('names a few unknown keys and counts the rest', async () => {
    const router = createRouter<typeof contract, null>(contract);
    router.register('things.count', async () => 0);
    const answer = await router.dispatch('things.count', { alpha: 1, beta: 2, gamma: 3, delta: 4, ['k'.repeat(1_000)]: 5 }, null);
    if (answer.ok) throw new Error('expected a failure');
    expect(answer.error.issues).toEqual([{ path: '(root)', message: 'Not a field here: "alpha", "beta", "gamma" and 2 more.' }]);
  });
});

describe('clipText', () => {
  it('never cuts a surrogate pair in half', () => {
    const clipped = clipText(`${'a'.repeat(8)}😀😀😀`, 10);
    expect(clipped).toBe(`${'a'.repeat(8)}…`);
    expect(clipText('short', 10)).toBe('short');
  });
});
