import { describe, expect, it } from 'vitest';
import { createCredentialBox, generateCredentialKey } from '../../backend/crypto/credential-box.ts';

const credentials = { kind: 'user_password_client', username: 'api-user', password: 'hunter2-very-secret', clientId: 'kommunion-1' } as const;

describe('credential box', () => {
  it('round-trips credentials and stores no plaintext', async () => {
    const box = await createCredentialBox({ keyId: 'k1', keyBase64: generateCredentialKey() });
    const sealed = await box.seal(credentials);
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext).not.toContain('hunter2');
    expect(sealed.ciphertext).not.toContain('api-user');
    expect(await box.open(sealed)).toEqual(credentials);
  });

  it('uses a fresh IV each time, so equal credentials do not give equal ciphertext', async () => {
    const box = await createCredentialBox({ keyId: 'k1', keyBase64: generateCredentialKey() });
    expect((await box.seal(credentials)).ciphertext).not.toBe((await box.seal(credentials)).ciphertext);
  });

  it('refuses a wrong key, a wrong key id and tampered ciphertext', async () => {
    const box = await createCredentialBox({ keyId: 'k1', keyBase64: generateCredentialKey() });
    const other = await createCredentialBox({ keyId: 'k1', keyBase64: generateCredentialKey() });
    const sealed = await box.seal(credentials);
    await expect(other.open(sealed)).rejects.toThrow();
    await expect(box.open({ ...sealed, keyId: 'k2' })).rejects.toThrow(/k2/);
    const envelope = JSON.parse(sealed.ciphertext) as { data: string };
    const flipped = envelope.data.startsWith('A') ? `B${envelope.data.slice(1)}` : `A${envelope.data.slice(1)}`;
    await expect(box.open({ ...sealed, ciphertext: JSON.stringify({ ...envelope, data: flipped }) })).rejects.toThrow();
  });

  it('rejects a key of the wrong length', async () => {
    await expect(createCredentialBox({ keyId: 'k', keyBase64: btoa('short') })).rejects.toThrow(/32 bytes/);
  });
});
