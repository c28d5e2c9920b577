// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS, seedDemo } from '../../backend/db/demo-seed.ts';
import { createCredentialBox, generateCredentialKey } from '../../backend/crypto/credential-box.ts';
import { signCornerstoneWebhook } from '../../sim/cornerstone/webhook-signature.ts';
import { startFunction, type RunningFunction } from './harness.ts';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.ts';

const integrationId = DEMO_IDS.integrations.friluftslagCornerstone;
const SECRET = 'whsec-functions-test-0123456789';
const WEBHOOK_ENV = ['SUPABASE_DB_URL', 'CREDENTIAL_KEY', 'CREDENTIAL_KEY_ID'] as const;

const serverUrl = process.env.DATABASE_URL;
if (serverUrl === undefined || serverUrl === '') {
  throw new Error('The functions tests need DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
}

describe('cornerstone-webhook Edge Function under Deno', () => {
  const keyBase64 = generateCredentialKey();
  const keyId = 'functions-webhook-test';
  let scratch: ScratchDatabase;
  let fn: RunningFunction;
  let endpoint: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl, { prefix: 'msync_fn' });
    const box = await createCredentialBox({ keyId, keyBase64 });
    await seedDemo(scratch.db, {
      cornerstoneBaseUrl: 'http://127.0.0.1:9',
      credentialCiphertext: await box.seal({ kind: 'api_key', apiKey: 'not-used-here' }),
    });
    const sealed = await box.sealWebhookSecret(SECRET);
    await asCaller(scratch.db, { kind: 'service' }, (tx) =>
      tx.query(`insert into sync.webhook_secrets (integration_id, ciphertext, key_id) values ($1, $2, $3)`, [
        integrationId,
        sealed.ciphertext,
        sealed.keyId,
      ]),
    );
    fn = await startFunction({
      name: 'cornerstone-webhook',
      env: { SUPABASE_DB_URL: scratch.url, CREDENTIAL_KEY: keyBase64, CREDENTIAL_KEY_ID: keyId },
      allowEnv: WEBHOOK_ENV,
    });
    // Supabase serves functions under /functions/v1/<name>/; the function matches the tail.
    endpoint = new URL(`functions/v1/cornerstone-webhook/${integrationId}`, fn.url).toString();
  });
  afterAll(async () => {
    await fn?.stop();
    await scratch?.drop();
  });

  const record = (email: string) => ({
    memberId: 'CS-0424242',
    firstName: 'Ingrid',
    lastName: 'Bakke',
    email,
    mobile: '+47 480 00 001',
    birthDate: '1990-02-03',
    nationalIdentityNumber: null,
    membershipStatus: 'Aktiv',
    roles: [{ code: 'MEDLEM', name: 'Medlem' }],
    unit: { unitId: 'LL-1103', unitName: 'Stavanger lokallag' },
    lastModified: new Date().toISOString(),
  });
  const event = (email: string, id = `evt_${randomUUID()}`) =>
    JSON.stringify({ id, type: 'member.created', occurredAt: new Date().toISOString(), memberId: 'CS-0424242', member: record(email) });
  const now = () => Math.floor(Date.now() / 1000);
  const post = (raw: string, signature: string | null, url = endpoint) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature ? { 'x-cornerstone-signature': signature } : {}) },
      body: raw,
    });

  it('applies a signed delivery: the member exists in the app afterwards', async () => {
    const raw = event('ingrid@example.org');
    expect((await post(raw, null)).status).toBe(401);
    // A signature made for another body does not carry over.
    expect((await post(raw, signCornerstoneWebhook(SECRET, event('other@example.org'), now()))).status).toBe(401);
    const accepted = await post(raw, signCornerstoneWebhook(SECRET, raw, now()));
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ ok: true, outcome: 'applied' });
    const { rows } = await scratch.db.query(
      `select m.email from sync.members m join sync.member_links l on l.member_id = m.id where l.external_id = 'CS-0424242'`,
    );
    expect(rows).toEqual([{ email: 'ingrid@example.org' }]);
  });

  it('refuses a replay, a bad signature, an oversized body, an unknown integration and other methods', async () => {
    const raw = event('replayed@example.org', 'evt_fixed');
    expect((await post(raw, signCornerstoneWebhook(SECRET, raw, now()))).status).toBe(200);
    const replay = await post(raw, signCornerstoneWebhook(SECRET, raw, now()));
    expect([replay.status, await replay.json()]).toEqual([409, { ok: false, error: 'replayed_event' }]);

    const forged = event('forged@example.org');
    const bad = await post(forged, signCornerstoneWebhook('wrong-secret', forged, now()));
    expect([bad.status, await bad.json()]).toEqual([401, { ok: false, error: 'signature_mismatch' }]);

    const big = JSON.stringify({ padding: 'x'.repeat(100_000) });
    expect((await post(big, signCornerstoneWebhook(SECRET, big, now()))).status).toBe(413);

    const unknown = new URL(`functions/v1/cornerstone-webhook/${randomUUID()}`, fn.url).toString();
    expect((await post(raw, signCornerstoneWebhook(SECRET, raw, now()), unknown)).status).toBe(404);
    expect((await fetch(endpoint)).status).toBe(405);

    const { rows } = await scratch.db.query(
      `select m.email from sync.members m join sync.member_links l on l.member_id = m.id where l.external_id = 'CS-0424242'`,
    );
    expect(rows).toEqual([{ email: 'replayed@example.org' }]);
    const { rows: alerts } = await scratch.db.query(`select kind from sync.alerts where status = 'open'`);
    expect(alerts).toEqual([{ kind: 'webhook_signature' }]);
  });

  it.each(['%ZZ', '%', '%E0%A4%A', '%ED%A0%80'])('answers the malformed path …/cornerstone-webhook/%s with 404, not 500', async (segment) => {
    const raw = event('malformed.path@example.org');
    const url = new URL(`functions/v1/cornerstone-webhook/${segment}`, fn.url).toString();
    const response = await post(raw, signCornerstoneWebhook(SECRET, raw, now()), url);
    expect([response.status, await response.json()]).toEqual([404, { ok: false, error: 'unknown_integration' }]);
  });

  it('refuses a signed delivery that is not sent as JSON with 415', async () => {
    const raw = event('form.encoded@example.org');
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-cornerstone-signature': signCornerstoneWebhook(SECRET, raw, now()) },
      body: raw,
    });
    expect([response.status, await response.json()]).toEqual([415, { ok: false, error: 'unsupported_media_type' }]);
  });

  it('answers an internal failure with a bare 500 and logs no member data', async () => {
    await scratch.db.query(`alter table sync.webhook_events rename to webhook_events_moved`);
    try {
      const raw = event('hidden.address@example.org');
      const response = await post(raw, signCornerstoneWebhook(SECRET, raw, now()));
      expect([response.status, await response.json()]).toEqual([500, { error: 'internal' }]);
      expect(fn.stderr()).toContain('cornerstone-webhook: request failed');
      expect(fn.stderr()).not.toContain('hidden.address@example.org');
    } finally {
      await scratch.db.query(`alter table sync.webhook_events_moved rename to webhook_events`);
    }
  });
});
