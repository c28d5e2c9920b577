import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateCredentialKey } from '../../electron/main/platform/credential-key.ts';
import type { SecretVault } from '../../electron/main/platform/secret-vault.ts';
import { readSetting, writeSetting } from '../../electron/main/platform/settings-store.ts';
import { summarize } from '../../electron/main/remote/offline-review.ts';
import type { IntegrationHealth } from '../../shared/contract/schemas.ts';
import { confStore, fakeVault, removeConfStores } from '../support/settings-doubles.ts';

afterEach(removeConfStores);

describe('credential key', () => {
  it('creates a key once, keeps only keychain ciphertext on disk, and reloads the same key', () => {
    const { store, file } = confStore();
    const first = loadOrCreateCredentialKey(fakeVault(), store);
    expect(first.persisted).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain(first.keyBase64);
    const again = loadOrCreateCredentialKey(fakeVault(), store);
    expect(again).toEqual(first);
  });

  it('writes nothing when the keychain is missing or weak, and uses a session key', () => {
    for (const reason of ['no_backend', 'weak_backend'] as const) {
      const { store, file } = confStore();
      const key = loadOrCreateCredentialKey(fakeVault({ available: false, reason }), store);
      expect(key.persisted).toBe(false);
      expect(() => readFileSync(file, 'utf8')).toThrow();
    }
  });

  it('keeps the saved key when the keychain refuses to open it, and uses a session key meanwhile', () => {
    const { store } = confStore();
    const first = loadOrCreateCredentialKey(fakeVault(), store);
    const refusing: SecretVault = {
      ...fakeVault(),
      open: () => {
        throw new Error('User denied keychain access');
      },
    };
    const meanwhile = loadOrCreateCredentialKey(refusing, store);
    expect(meanwhile.persisted).toBe(false);
    expect(meanwhile.keyId).not.toBe(first.keyId);
    // The next start, with the keychain willing again, gets the original key back.
    expect(loadOrCreateCredentialKey(fakeVault(), store)).toEqual(first);
  });
});

const run = {
  id: '0b7e9a3c-3f1a-4a57-9a0e-2f6f1b1c2d40',
  kind: 'full' as const,
  status: 'failed' as const,
  trigger: 'schedule' as const,
  startedAt: '2026-11-23T09:59:00.000Z',
  finishedAt: '2026-11-23T10:00:00.000Z',
  recordsSeen: 2500,
  recordsCreated: 0,
  recordsUpdated: 3,
  recordsQuarantined: 1,
  durationMs: 60_000,
  errorCode: 'source_rejected_write' as const,
  errorMessage: 'Cornerstone: e-mail ola.nordmann@example.no is already used by member 4711',
};
const board: IntegrationHealth[] = [
  {
    integrationId: '0b7e9a3c-3f1a-4a57-9a0e-2f6f1b1c2d3e',
    orgId: '0b7e9a3c-3f1a-4a57-9a0e-2f6f1b1c2d3f',
    orgName: 'Norsk Friluftslag',
    system: 'cornerstone',
    displayName: 'Cornerstone',
    enabled: true,
    webhooksSupported: true,
    health: 'failed',
    lastSuccessAt: '2026-11-22T10:00:00.000Z',
    memberCount: 2500,
    lastRun: run,
    lastFullRun: run,
    lastDeltaRun: null,
    lastPreviewRun: null,
    heldRunId: null,
    pendingConflicts: 2,
    openAlerts: { total: 1, errors: 1, unacknowledged: 1 },
    activeJob: null,
  },
];

describe('settings store', () => {
  it('has no place for personal data: unknown fields are refused on write and dropped on read', () => {
    const { store, file } = confStore();
    const review = summarize('https://example.supabase.co', board, new Date('2026-11-23T10:00:01.000Z'));
    const [integration] = review.integrations;
    if (!integration) throw new Error('no summary');
    expect(() =>
      writeSetting(store, 'offlineReview', {
        ...review,
        integrations: [{ ...integration, firstName: 'Ola', personnummer: '01019012345' } as typeof integration],
      }),
    ).toThrow();
    writeSetting(store, 'offlineReview', review);
    expect(readSetting(store, 'offlineReview')).toEqual(review);
    // A registry's error text may quote a member: only its code is kept.
    expect(readFileSync(file, 'utf8')).toContain('source_rejected_write');
    expect(readFileSync(file, 'utf8')).not.toMatch(/ola\.nordmann|4711/);

    store.set('offlineReview', { ...review, integrations: [{ ...integration, email: 'ola@example.no' }] });
    expect(readSetting(store, 'offlineReview')).toBeUndefined();
    expect(readFileSync(file, 'utf8')).not.toMatch(/ola@example\.no|01019012345/);
  });
});
