/** Shorter shared secrets are refused at start: the bearer is the function's only lock. */
const MIN_SECRET_LENGTH = 32;

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/**
 * A check of `Authorization: Bearer <secret>` against a shared secret (pg_cron's call to the
 * worker). Both sides are hashed first, so the comparison always covers 32 bytes and takes
 * the same time whatever the caller sent: neither the secret's length nor a matching prefix
 * can be learned from timing.
 */
export async function createBearerCheck(secretName: string, secret: string): Promise<(request: Request) => Promise<boolean>> {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${secretName} must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  const expected = await sha256(secret);
  return async (request) => {
    const match = /^Bearer +(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '');
    const presented = await sha256(match?.[1] ?? '');
    let difference = match ? 0 : 1;
    for (let index = 0; index < expected.length; index++) {
      difference |= (expected[index] ?? 0) ^ (presented[index] ?? 0);
    }
    return difference === 0;
  };
}
