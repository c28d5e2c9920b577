/**
 * Norwegian fødselsnummer (national identity number), per the rules Skatteetaten publishes:
 * DDMMYY + a three-digit individual number + two control digits. D-numbers add 40 to the day,
 * H-numbers add 40 to the month. The individual number decides the century.
 *
 * Adapters use this to reduce a number to "a valid one is present"; the number itself never
 * travels further than the adapter.
 */

const k1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const k2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

const elevenDigits = /^\d{11}$/;

/** The control digit for `digits` under `weights`, or null when the remainder makes it 10 (no valid digit exists). */
export function fodselsnummerControlDigit(digits: readonly number[], weights: readonly number[]): number | null {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  const control = (11 - (sum % 11)) % 11;
  return control === 10 ? null : control;
}

/** Both control digits for the first nine digits, or null when either would be 10. */
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

export function isValidFodselsnummer(value: string): boolean {
  if (!elevenDigits.test(value)) return false;
  const digits = Array.from(value, Number);
  const [d1 = 0, d2 = 0, m1 = 0, m2 = 0, y1 = 0, y2 = 0, i1 = 0, i2 = 0, i3 = 0, c1, c2] = digits;

  let day = d1 * 10 + d2;
  let month = m1 * 10 + m2;
  const isDNumber = day > 40;
  const isHNumber = month > 40;
  // A number is either a D-number or an H-number, never both.
  if (isDNumber && isHNumber) return false;
  if (isDNumber) day -= 40;
  if (isHNumber) month -= 40;

  const year = fodselsnummerBirthYear(y1 * 10 + y2, i1 * 100 + i2 * 10 + i3);
  if (year === null || !isRealDate(year, month, day)) return false;

  const controls = fodselsnummerControlDigits(digits.slice(0, 9));
  return controls !== null && controls[0] === c1 && controls[1] === c2;
}

const fullMask = '•••••• •••••';

/**
 * A display mask that only says "a number is set". It has the same shape whatever the input,
 * so not even the length or the D-number flag leaks.
 */
export function maskFodselsnummer(value: string | null | undefined): string {
  return value ? fullMask : '';
}
