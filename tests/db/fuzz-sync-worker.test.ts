// @vitest-environment node
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerInvocation } from '../../backend/engine/invocation.ts';
import { createBearerCheck } from '../../supabase/functions/_shared/bearer.ts';
import { createSyncWorkerHandler } from '../../supabase/functions/sync-worker/handler.ts';
import { databaseTargets } from './harness.ts';
import { openEngineFixture, type EngineFixture } from './support/engine-fixture.ts';
import { within } from '../support/fuzz/presentable.ts';
import { FUZZ_RUNS, FUZZ_SEED } from '../support/fuzz/settings.ts';

/**
 * The `sync-worker` Edge Function's handler, fuzzed with Web Requests: methods, Authorization
 * headers near and far from the secret, and any body. Only POST with exactly the bearer secret
 * runs the worker (200); a wrong or missing secret is 401 whatever the method, so the function
 * tells a stranger nothing; the secret with another method is 405. It never throws, which on
 * Supabase would be a 500.
 */

const SECRET = 'sync-worker-fuzz-secret-0123456789abcdef';

describe.each(databaseTargets().filter((target) => target.name === 'pglite'))('the sync-worker endpoint, fuzzed on $name', (target) => {
  let f: EngineFixture;
  let handler: ReturnType<typeof createSyncWorkerHandler>;

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: 30, seed: 5 });
    handler = createSyncWorkerHandler({
      isAuthorized: await createBearerCheck('SYNC_WORKER_SECRET', SECRET),
      budgetMs: 2_000,
      invoke: (deadline) =>
        runWorkerInvocation({ db: f.db, resolveSource: f.resolveSource, deadline, cpu: { clock: () => performance.now(), budgetMs: 2_000 } }),
    });
  });
  afterAll(async () => f?.close());

  const authorization = fc.oneof(
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(`Bearer ${SECRET}`, `bearer ${SECRET}`, `Bearer   ${SECRET}`, ` Bearer ${SECRET} `)
        .map((value) => ({ value, valid: true })),
    },
    // Near misses, and random text: the secret is 40 characters, which no random value here holds.
    {
      weight: 6,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            `Bearer ${SECRET}x`,
            `Bearer ${SECRET.slice(0, -1)}`,
            `Bearer ${SECRET} x`,
            `Basic ${SECRET}`,
            SECRET,
            'Bearer',
            'Bearer ',
            `Bearer ${'a'.repeat(10_000)}`,
          ),
          fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).map((text) => `Bearer ${text}`),
          fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
        )
        .map((value) => ({ value, valid: false })),
    },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const request = fc.record({
    method: fc.oneof(
      { weight: 4, arbitrary: fc.constant('POST') },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH') },
    ),
    authorization,
    body: fc.oneof(fc.constant(''), fc.json(), fc.string({ unit: 'binary', maxLength: 200 })),
  });

  it('answers 200 only to POST with the secret, 401 to anyone without it, 405 to other methods with it', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ method, authorization: auth, body }) => {
        let web: Request;
        try {
          web = new Request('http://127.0.0.1/functions/v1/sync-worker', {
            method,
            headers: auth === null ? {} : { authorization: auth.value },
            ...(method === 'GET' ? {} : { body }),
          });
        } catch {
          return; // a header value the Web platform will not send never reaches a function
        }
        const response = await within(30_000, 'sync-worker', handler(web));
        const expected = auth?.valid !== true ? 401 : method === 'POST' ? 200 : 405;
        expect(response.status).toBe(expected);
        const answer = (await response.json()) as Record<string, unknown>;
        if (expected === 200) expect(answer).toMatchObject({ workerId: expect.any(String), jobs: expect.any(Array) });
        else expect(Object.keys(answer)).toEqual(['error']);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
    );
  }, 120_000);
});
