import { createHmac } from 'node:crypto';

export const cornerstoneSignatureHeader = 'X-Cornerstone-Signature';

/**
 * The `X-Cornerstone-Signature` value for a body: `t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `"<t>.<raw body>"`. The timestamp is signed too, so a captured delivery cannot be replayed
 * later with a fresh one. Exported for tests that craft hostile deliveries.
 */
export function signCornerstoneWebhook(secret: string, rawBody: string, unixSeconds: number): string {
  if (!Number.isInteger(unixSeconds) || unixSeconds < 0) throw new RangeError(`unixSeconds must be a whole number ≥ 0, got ${unixSeconds}`);
  const signature = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${signature}`;
}
