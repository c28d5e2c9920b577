import { createHash } from 'node:crypto';

/**
 * The `sub` Vipps gives a user: stable for one sales unit, different in another. Here a UUID
 * (version 8, RFC 9562's custom layout) from SHA-256 of the sales unit and the phone number, so
 * the same simulator setup gives the same `sub` on every run.
 */
export function vippsSubject(salesUnit: string, phoneNumber: string): string {
  const bytes = createHash('sha256').update(salesUnit).update('\0').update(phoneNumber).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
