/**
 * Time-ordered UUIDs (RFC 9562, version 7) for rows the engine creates in bulk.
 *
 * A random (v4) key lands on a random leaf of every index it is in, so a sync of 100 000 new
 * members touches and splits pages all over the primary key; a v7 key grows at the right edge
 * like a sequence, and the pages an insert dirties stay few and hot. The creation time it
 * carries is already in `created_at`, so it reveals nothing new.
 *
 * Layout: 48 bits of Unix milliseconds, version 7, a 12-bit counter that keeps ids from one
 * millisecond in order (method 1 of RFC 9562 §6.2), variant 10, and 62 random bits.
 * Runtime-agnostic: Web Crypto's getRandomValues exists in Node, Deno and browsers.
 */

// Web Crypto's one call needed here, typed locally: shared/ compiles without DOM or Node types.
const webCrypto = (globalThis as unknown as { crypto: { getRandomValues(array: Uint8Array): Uint8Array } }).crypto;

const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

// Random bytes drawn 4 KiB at a time: one getRandomValues call per 512 ids, not one per id.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

function randomBytes(count: number): number {
  if (poolOffset + count > pool.length) {
    webCrypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const start = poolOffset;
  poolOffset += count;
  return start;
}

let lastMs = -1;
let counter = 0;
const maxCounter = 0xfff;

/** A new version 7 UUID; ids made by one process sort in the order they were made. */
export function uuidV7(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (counter < maxCounter) {
    counter++;
  } else {
    // 4 096 ids in one millisecond (or a clock that went back): borrow the next millisecond.
    lastMs++;
    counter = 0;
  }
  const at = randomBytes(8);
  const bytes = new Uint8Array(16);
  let ms = lastMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  for (let i = 0; i < 8; i++) bytes[8 + i] = pool[at + i] ?? 0;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  let text = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
    text += hex[bytes[i] ?? 0];
  }
  return text;
}

/** The Unix milliseconds a version 7 UUID was made at. */
export function uuidV7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
