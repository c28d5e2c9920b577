import fc from 'fast-check';

/**
 * Values an attacker, a buggy client or a corrupted store could put anywhere a field is
 * expected. They are fast-check arbitraries, so a failure shrinks to the smallest case.
 */

const HUGE = 'x'.repeat(100_000);

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = asArray ? [value] : { nested: value };
  return value;
}

/** Keys that mean something to JavaScript objects, built the way JSON.parse builds them (as own properties). */
export const prototypeKeyObjects: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>,
  JSON.parse('{"__proto__": null}') as Record<string, unknown>,
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as Record<string, unknown>,
  JSON.parse('{"prototype": {}, "toString": "x", "valueOf": 1, "hasOwnProperty": false}') as Record<string, unknown>,
);

const specialNumbers = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  Number.MIN_VALUE,
  Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER + 1,
  -(2 ** 63),
  2 ** 63,
  2 ** 31,
  0.004,
  1e-9,
  -1,
);

const specialStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  HUGE,
  '9'.repeat(30),
  "1' or '1'='1",
  '$1',
  '%s%n',
  '../../../../etc/passwd',
  'null',
  'undefined',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '2024-02-30T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '<script>alert(1)</script>',
);

/**
 * Short text made of characters that break storage and display: NUL, lone halves of surrogate
 * pairs (valid in JSON as "\ud800", yet no character), right-to-left overrides, quotes and
 * backslashes. fast-check's binary strings are always well formed, so these must be asked for.
 */
export const awkwardText: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom('a', 'Ø', ' ', '\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '😀', '\u202e', '"', "'", '\\', '\n'),
  minLength: 1,
  maxLength: 12,
});

/** Dates as ISO-shaped text, most of them impossible: month 13, day 31 in a 30-day month, hour 25, year 0000, offset +23:59. */
export const isoLikeInstant = (options: { utcMicros?: boolean } = {}): fc.Arbitrary<string> => {
  const pad = (width: number) => (value: number) => String(value).padStart(width, '0');
  const year = fc.oneof(fc.constantFrom(0, 1, 1969, 1970, 2000, 2024, 9999), fc.integer({ min: 0, max: 9999 })).map(pad(4));
  const two = (max: number) => fc.integer({ min: 0, max }).map(pad(2));
  const fraction = options.utcMicros
    ? fc.integer({ min: 0, max: 999_999 }).map((micros) => `.${pad(6)(micros)}`)
    : fc.oneof(
        fc.constant(''),
        fc.integer({ min: 1, max: 9 }).chain((digits) => fc.stringMatching(new RegExp(`^\\.\\d{${digits}}$`))),
      );
  const offset = options.utcMicros
    ? fc.constant('Z')
    : fc.oneof(
        fc.constantFrom('Z', '+00:00', '-00:00', '+14:00', '-12:00', '+15:59', '+16:00', '-23:59'),
        fc.tuple(fc.constantFrom('+', '-'), two(29), two(69)).map(([sign, hours, minutes]) => `${sign}${hours}:${minutes}`),
      );
  return fc
    .tuple(year, two(19), two(39), two(29), two(69), two(69), fraction, offset)
    .map(([y, mo, d, h, mi, s, frac, off]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${off}`);
};

/** Integers at the edges of the types SQL keeps them in, as a fuzzer's dictionary would hold them. */
const sqlIntegerEdges = [
  '0',
  '2147483647',
  '2147483648',
  '9223372036854775807',
  '9223372036854775808',
  '9999999999999999999',
  '18446744073709551616',
];

/** A cursor as the backend encodes them (base64url of a JSON key), naming keys it never handed out. */
export const forgedCursor: fc.Arbitrary<string> = fc
  .oneof(
    fc.tuple(fc.oneof(isoLikeInstant({ utcMicros: true }), isoLikeInstant()), fc.uuid()),
    fc.tuple(fc.oneof(fc.constantFrom(...sqlIntegerEdges), fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String))),
    fc.tuple(fc.stringMatching(/^\d{1,19}$/)),
    fc.jsonValue().map((value) => (Array.isArray(value) ? value : [value])),
  )
  .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'))
  .filter((cursor) => cursor.length <= 200);

/** Anything at all, weighted towards what breaks parsers, databases and error messages. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, 1, [], {}),
  specialNumbers,
  specialStrings,
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  awkwardText,
  fc.uuid(),
  isoLikeInstant(),
  forgedCursor,
  fc.tuple(fc.integer({ min: 50, max: 5_000 }), fc.boolean()).map(([depth, asArray]) => nested(depth, 'x', asArray)),
  prototypeKeyObjects,
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }),
);

/** Keys nobody declared: a huge one, a great many, or ones that mean something to JavaScript. */
export const extraKeys: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constant({ [HUGE]: 1 }),
  fc.integer({ min: 11, max: 10_000 }).map((count) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`extra${i}`, i]))),
  prototypeKeyObjects,
  fc.dictionary(fc.string({ unit: 'binary', minLength: 1, maxLength: 50 }), hostileValue, { maxKeys: 3 }),
);
