import { z } from 'zod';

/**
 * Values PostgreSQL can store, checked before SQL sees them: whatever a caller or a registry
 * sends that the database cannot hold is refused (or quarantined) as the sender's mistake,
 * instead of failing a statement as ours.
 */

// Half of a UTF-16 surrogate pair without its other half. jsonb refuses it as the \ud800 escape
// JSON.stringify writes for it; PostgreSQL text cannot hold U+0000 either.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const NUL = '\u0000';

/**
 * Whether PostgreSQL can store this text as it is, in a text column and inside jsonb. A registry
 * or a webhook can still send what it cannot: a NUL character, or a lone surrogate (valid JSON,
 * `"\ud800"`, though no character).
 */
export const isStorableText = (text: string): boolean => !text.includes(NUL) && !LONE_SURROGATE.test(text);

/** The text with what cannot be stored replaced by U+FFFD, for what we keep about a refused record. */
export const toStorableText = (text: string): string => text.replaceAll(NUL, '\ufffd').replace(LONE_SURROGATES, '\ufffd');

/** Text PostgreSQL can store, for fields that reach the database. */
export const StorableText = z
  .string()
  .refine(isStorableText, { message: 'Contains a character that cannot be stored (NUL, or half a surrogate pair).' });

/**
 * The instants a caller may name. ISO 8601 alone allows year 0000, which PostgreSQL has no such
 * year for, and offsets up to ±23:59, past PostgreSQL's ±15:59; both would fail in SQL instead of
 * here. The contract takes less than `timestamptz` could hold (4713 BC to 294276 AD): years
 * 0001–9999 in UTC, as ISO 8601 writes them, with offsets of at most 14 hours either way (the
 * widest in use is +14:00). That covers every date an administrator could mean.
 */
export const INSTANT_RANGE = { min: '0001-01-01T00:00:00Z', max: '9999-12-31T23:59:59.999999Z' } as const;
const MAX_OFFSET_MINUTES = 14 * 60;

const minMs = Date.parse(INSTANT_RANGE.min);
// Date keeps milliseconds; the last microseconds of year 9999 fall in its last millisecond.
const maxMs = Date.parse(INSTANT_RANGE.max);
const OFFSET = /([+-])(\d{2}):(\d{2})$/;

/** Whether an ISO datetime's offset (if it names one) is one PostgreSQL can hold. */
export function hasStorableOffset(iso: string): boolean {
  const offset = OFFSET.exec(iso);
  return !offset || Number(offset[2]) * 60 + Number(offset[3]) <= MAX_OFFSET_MINUTES;
}

/**
 * True when an instant within `INSTANT_RANGE` and its offset bound. Only for text a zod ISO
 * datetime has already accepted: Date.parse alone would roll 30 February over to 1 March.
 */
export function isStorableInstant(iso: string): boolean {
  if (!hasStorableOffset(iso)) return false;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && ms >= minMs && ms <= maxMs;
}

const outOfRange = 'Use a date between the years 1 and 9999, with a time zone offset of at most 14 hours.';

/** An instant in a caller's input: ISO 8601 with an offset (Z or ±hh:mm), within `INSTANT_RANGE`. */
export const Instant = z.iso.datetime({ offset: true }).refine(isStorableInstant, { message: outOfRange });

/** An instant as the backend writes it into keyset cursors: UTC, microseconds. */
export const UtcMicrosInstant = z.iso.datetime({ precision: 6 }).refine(isStorableInstant, { message: outOfRange });
