import { describe, expect, it } from 'vitest';
import { createAdminApiRouter } from '../../backend/admin-api/admin-router.ts';
import { createEmbeddedRouter } from '../../electron/main/host/embedded-router.ts';
import { DemoSession } from '../../electron/main/host/demo-session.ts';
import { operations } from '../../shared/contract/operations.ts';

const admin = { userId: 'd2000000-0000-4000-8000-000000000001', email: 'global@demo.local', displayName: 'Global', isGlobal: true, orgIds: [] };
const unused = () => undefined;

describe('both hosts serve the whole contract', () => {
  it('has a handler for every operation in the embedded host and in admin-api', () => {
    const embedded = createEmbeddedRouter({ session: new DemoSession([admin]), onboarding: [], onInternalError: unused });
    const remote = createAdminApiRouter(unused);
    expect(Object.keys(operations).length).toBeGreaterThan(30);
    expect(embedded.missing()).toEqual([]);
    expect(remote.missing()).toEqual([]);
  });

  it('answers an unknown operation alike in both', async () => {
    const embedded = createEmbeddedRouter({ session: new DemoSession([admin]), onboarding: [], onInternalError: unused });
    const remote = createAdminApiRouter(unused);
    const context = {} as never;
    expect(await embedded.dispatch('no.such', {}, context)).toEqual(await remote.dispatch('no.such', {}, context));
  });
});
