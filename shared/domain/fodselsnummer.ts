/**
 * Norwegian fødselsnummer (national identity number), per the rules Skatteetaten publishes:
 * DDMMYY + a three-digit individual number + two control digits. The individual number decides
 * the century. Three kinds shift a date digit:
 * - D-numbers add 40 to the day (people without a fødselsnummer, e.g. foreign workers);
 * - H-numbers add 40 to the month (assistance numbers);
 * - synthetic numbers add 80 to the month: the Norwegian test registry (Tenor) issues them, so
 *   they can never be a real person's. NAV's test data also combines a D-number day with an H or
 *   synthetic month.
 *
 * Control digits follow the rules that apply from 2032: the first may be any digit that leaves a
 * remainder of 0, 1, 2 or 3 (before 2032 only 0 was issued, so older numbers still pass); the
 * second is unchanged. This matches @navikt/fnrvalidator, NAV's maintained validator, and is
 * stricter in one way: the birth year must be one the individual number is issued for.
 *
 * Adapters use this to reduce a number to "a valid one is present"; the number itself never
 * travels further than the adapter.
 */

const k1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const k2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

const elevenDigits = /^\d{11}$/;

const weightedSum = (digits: readonly number[], weights: readonly number[]): number =>
  weights.reduce((sum, weight, index) => sum + weight * (digits[index] ?? 0), 0);

/** The control digit for `digits` under `weights`, or null when the remainder makes it 10 (no valid digit exists). */
export function fodselsnummerControlDigit(digits: readonly number[], weights: readonly number[]): number | null {
  const control = (11 - (weightedSum(digits, weights) % 11)) % 11;
  return control === 10 ? null : control;
}

/**
 * Both control digits for the first nine digits as numbers issued before 2032 have them
 * (remainder 0), or null when either would be 10. Used to make numbers; checking one uses
 * `hasValidControlDigits`, which also accepts the post-2032 first digits.
 */
export function fodselsnummerControlDigits(firstNine: readonly number[]): [number, number] | null {
  const k1 = fodselsnummerControlDigit(firstNine, k1Weights);
  if (k1 === null) return null;
  const k2 = fodselsnummerControlDigit([...firstNine, k1], k2Weights);
  if (k2 === null) return null;
  return [k1, k2];
}

/**
 * The full birth year for a two-digit year and an individual number, or null when the
 * combination is outside every published range (e.g. 750–899 after 1939).
 */
export function fodselsnummerBirthYear(twoDigitYear: number, individualNumber: number): number | null {
  if (individualNumber <= 499) return 1900 + twoDigitYear;
  if (individualNumber <= 749 && twoDigitYear >= 54) return 1800 + twoDigitYear;
  if (twoDigitYear <= 39) return 2000 + twoDigitYear;
  if (individualNumber >= 900) return 1900 + twoDigitYear;
  return null;
}

/** The individual numbers that the published ranges allow for a birth year. */
export function individualNumberRangesForYear(year: number): readonly (readonly [number, number])[] {
  if (year >= 1854 && year <= 1899) return [[500, 749]];
  if (year >= 1900 && year <= 1939) return [[0, 499]];
  if (year >= 1940 && year <= 1999)
    return [
      [0, 499],
      [900, 999],
    ];
  if (year >= 2000 && year <= 2039) return [[500, 999]];
  return [];
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/**
 * The first control digit leaves a remainder of 0–3 over the first ten digits (weights k1 and
 * then 1); the second leaves 0 over all eleven (weights k2 and then 1).
 */
function hasValidControlDigits(digits: readonly number[]): boolean {
  const k1Remainder = (weightedSum(digits, k1Weights) + (digits[9] ?? 0)) % 11;
  const k2Remainder = (weightedSum(digits, k2Weights) + (digits[10] ?? 0)) % 11;
  return k1Remainder <= 3 && k2Remainder === 0;
}

/** The day and month a number encodes, with the D, H and synthetic shifts taken off. */
function encodedDayAndMonth(digits: readonly number[]): { day: number; month: number } {
  const [d1 = 0, d2 = 0, m1 = 0, m2 = 0] = digits;
  const day = (d1 >= 4 ? d1 - 4 : d1) * 10 + d2;
  const monthTens = m1 >= 8 ? m1 - 8 : m1 >= 4 ? m1 - 4 : m1;
  return { day, month: monthTens * 10 + m2 };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/**
 * The birth date a number encodes (YYYY-MM-DD), whatever its control digits: null when it is
 * not eleven digits, names no real date, or its individual number is not issued for that year.
 */
export function fodselsnummerBirthDate(value: string): string | null {
  if (!elevenDigits.test(value)) return null;
  const digits = Array.from(value, Number);
  const [, , , , y1 = 0, y2 = 0, i1 = 0, i2 = 0, i3 = 0] = digits;
  const { day, month } = encodedDayAndMonth(digits);
  const year = fodselsnummerBirthYear(y1 * 10 + y2, i1 * 100 + i2 * 10 + i3);
  if (year === null || !isRealDate(year, month, day)) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function isValidFodselsnummer(value: string): boolean {
  return fodselsnummerBirthDate(value) !== null && hasValidControlDigits(Array.from(value, Number));
}

const fullMask = '•••••• •••••';

/**
 * A display mask that only says "a number is set". It has the same shape whatever the input,
 * so not even the length or the D-number flag leaks.
 */
export function maskFodselsnummer(value: string | null | undefined): string {
  return value ? fullMask : '';
}
