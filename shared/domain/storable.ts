import { z } from 'zod';

/**
 * Values PostgreSQL can store, checked before SQL sees them: whatever a caller or a registry
 * sends that the database cannot hold is refused (or quarantined) as the sender's mistake,
 * instead of failing a statement as ours.
 */

/** PostgreSQL text cannot hold U+0000; a registry or a webhook can still send it. */
export const hasNoNul = (text: string): boolean => !text.includes('\u0000');

/** Text without U+0000, for fields that reach the database. */
export const StorableText = z.string().refine(hasNoNul, { message: 'Contains a NUL character, which cannot be stored.' });

/**
 * The instants a caller may name, as the database can hold them. ISO 8601 alone allows year
 * 0000, which PostgreSQL has no such year for, and offsets up to ±23:59, past PostgreSQL's
 * ±15:59; both would fail in SQL instead of here. Years 0001–9999 (UTC) and the offsets in use
 * on Earth (−12:00 to +14:00) cover every date an administrator could mean.
 */
export const INSTANT_RANGE = { min: '0001-01-01T00:00:00Z', max: '9999-12-31T23:59:59.999999Z' } as const;
export const MAX_OFFSET_MINUTES = 14 * 60;

const minMs = Date.parse(INSTANT_RANGE.min);
// Date keeps milliseconds; the last microseconds of year 9999 fall in its last millisecond.
const maxMs = Date.parse(INSTANT_RANGE.max);
const OFFSET = /([+-])(\d{2}):(\d{2})$/;

/** True when an instant already in ISO 8601 form is one PostgreSQL can store as `timestamptz`. */
export function isStorableInstant(iso: string): boolean {
  const offset = OFFSET.exec(iso);
  if (offset && Number(offset[2]) * 60 + Number(offset[3]) > MAX_OFFSET_MINUTES) return false;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && ms >= minMs && ms <= maxMs;
}

const outOfRange = 'Use a date between the years 1 and 9999, with a time zone offset of at most 14 hours.';

/** An instant in a caller's input: ISO 8601 with an offset (Z or ±hh:mm), within `INSTANT_RANGE`. */
export const Instant = z.iso.datetime({ offset: true }).refine(isStorableInstant, { message: outOfRange });

/** An instant as the backend writes it into keyset cursors: UTC, microseconds. */
export const UtcMicrosInstant = z.iso.datetime({ precision: 6 }).refine(isStorableInstant, { message: outOfRange });
