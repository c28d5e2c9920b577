import fc from 'fast-check';
import { idnr } from '@navikt/fnrvalidator';
import { describe, expect, it } from 'vitest';
import { fodselsnummerBirthDate, isValidFodselsnummer, maskFodselsnummer } from '../../shared/domain/fodselsnummer.ts';
import { SYNTHETIC_MONTH_OFFSET, syntheticFodselsnummer } from '../../sim/shared/synthetic-fnr.ts';
import { mulberry32 } from '../../sim/cornerstone/prng.ts';

// Control digits were computed by hand from the published weights, independently of the code
// under test. Worked example for 150790 123: k1 sum 1·3+5·7+0·6+7·1+9·8+0·9+1·4+2·5+3·2 = 137,
// 137 mod 11 = 5, k1 = 11 − 5 = 6; k2 over the ten digits gives 7.
const validNumbers: [string, string][] = [
  ['15079012367', '15 Jul 1990, individual 123 (1900–1999 range)'],
  ['31129949980', '31 Dec 1999, individual 499, top of the 000–499 range'],
  ['01018561243', '1 Jan 1885, individual 612 (500–749 for 1854–1899)'],
  ['01015090126', '1 Jan 1950, individual 901 (900–999 for 1940–1999)'],
  ['29029601230', '29 Feb 1996, a leap year'],
  ['29020074963', '29 Feb 2000, individual 749 (500–999 for 2000–2039)'],
  ['31033999987', '31 Mar 2039, individual 999'],
  ['45109023497', 'D-number: day 05 + 40'],
  ['15459010006', 'H-number: 15 May 1990, month 05 + 40'],
  ['45459010029', 'D-number day and H-number month together, as in NAV test data'],
];

// The cases of @navikt/fnrvalidator's own test suite (tests/fnr.spec.ts), NAV's maintained
// validator: numbers as facts, with its verdicts.
const navValid: [string, string][] = [
  ['13097248022', 'a valid one'],
  ['29029648784', 'a standard leap year'],
  ['29020075838', 'year 00 as a leap year (2000)'],
  ['15021951940', 'a control digit computed as 11, written 0'],
  ['53097248016', 'a D-number'],
  ['13527248013', 'an H-number'],
  ['10915596784', 'a synthetic (Tenor) number, month + 80'],
  ['68467038838', 'a D-number with an H-number month'],
  ['50846202355', 'a D-number with a synthetic month'],
  ['02013299997', 'born 2 Jan 2032, with a first control digit of the 2032 rules'],
  ['30108299920', 'born 30 Oct 1982, first control digit with remainder 0'],
  ['30108299939', 'the same person and individual number, first control digit with remainder 1'],
  ['70108299914', 'a D-number under the 2032 rules'],
];
const navInvalid: [string, string][] = [
  ['29020112345', '29 Feb in a year that is not a leap year, and bad control digits'],
  ['1234567890', 'ten digits'],
  ['123456789101', 'twelve digits'],
  ['1234567891A', 'a letter'],
  ['13097248032', 'a wrong first control digit'],
  ['13097248023', 'a wrong second control digit'],
  ['32127248022', 'day 32'],
  ['13137248022', 'month 13'],
  ['02013299987', 'a first control digit no rule allows'],
  ['02013299996', 'a wrong second control digit under the 2032 rules'],
];

describe('isValidFodselsnummer', () => {
  it.each(validNumbers)('accepts %s (%s)', (value) => {
    expect(isValidFodselsnummer(value)).toBe(true);
  });

  it('rejects every single-digit change to a control digit', () => {
    for (const [value] of validNumbers) {
      for (const position of [9, 10]) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === value[position]) continue;
          const changed = `${value.slice(0, position)}${digit}${value.slice(position + 1)}`;
          expect(isValidFodselsnummer(changed), changed).toBe(false);
        }
      }
    }
  });

  it('rejects a swap of two digits that the checksum is meant to catch', () => {
    // 15079012367 with the individual digits 1 and 2 swapped.
    expect(isValidFodselsnummer('15079021367')).toBe(false);
  });

  // Each has correct control digits, so only the date or century rule can reject it.
  it.each([
    ['29029710188', '29 Feb 1997 is not a leap day'],
    ['31049010039', '31 April does not exist'],
    ['00019010007', 'day 00'],
    ['32019010189', 'day 32'],
    ['01139010074', 'month 13'],
    ['72019010091', 'D-number day 72 − 40 = 32'],
    ['69029710090', 'D-number 29 Feb 1997'],
    ['01015075097', 'individual 750–899 is not issued for 1940–1999'],
    ['01014550050', 'individual 500–749 is not issued for 1940–1953'],
  ])('rejects %s (%s)', (value) => {
    expect(isValidFodselsnummer(value)).toBe(false);
  });

  it.each(['', '1507901236', '150790123670', '150790 12367', '1507901236a', '１５０７９０１２３６７'])('rejects malformed input %j', (value) => {
    expect(isValidFodselsnummer(value)).toBe(false);
  });
});

describe('isValidFodselsnummer against @navikt/fnrvalidator', () => {
  it.each(navValid)('accepts %s, %s', (value) => {
    expect(isValidFodselsnummer(value)).toBe(true);
  });

  it.each(navInvalid)('rejects %s, %s', (value) => {
    expect(isValidFodselsnummer(value)).toBe(false);
  });

  // Numbers with control digits that may pass, under any rule: the first nine digits drawn with
  // D, H and synthetic shifts, the first control digit for a random remainder 0–3, the second
  // computed; and sometimes any eleven digits at all.
  const candidates = fc.oneof(
    fc
      .tuple(
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(0, 40),
        fc.constantFrom(0, 40, 80),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 3 }),
      )
      .map(([day, month, dayShift, monthShift, year, individual, remainder]) => {
        const firstNine = `${String(day + dayShift).padStart(2, '0')}${String(month + monthShift).padStart(2, '0')}${String(year).padStart(2, '0')}${String(individual).padStart(3, '0')}`;
        const digits = Array.from(firstNine, Number);
        const s1 = [3, 7, 6, 1, 8, 9, 4, 5, 2].reduce((sum, weight, i) => sum + weight * (digits[i] ?? 0), 0);
        const k1 = (((remainder - s1) % 11) + 11) % 11;
        const s2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((sum, weight, i) => sum + weight * ([...digits, k1][i] ?? 0), 0);
        const k2 = (11 - (s2 % 11)) % 11;
        return `${firstNine}${k1 % 10}${k2 % 10}`;
      }),
    fc.stringMatching(/^\d{11}$/),
  );

  // Skatteetaten's table of which birth years each individual number is issued for, written out
  // here again so the test does not lean on the code it tests.
  const ISSUED: ReadonlyArray<{ individuals: [number, number]; years: [number, number] }> = [
    { individuals: [0, 499], years: [1900, 1999] },
    { individuals: [500, 749], years: [1854, 1899] },
    { individuals: [500, 999], years: [2000, 2039] },
    { individuals: [900, 999], years: [1940, 1999] },
  ];
  /** Whether the number names a real date in a year its individual number is issued for. */
  const issuedForARealBirthDate = (value: string): boolean => {
    if (!/^\d{11}$/.test(value)) return false;
    const dayDigits = Number(value.slice(0, 2));
    const monthDigits = Number(value.slice(2, 4));
    const day = dayDigits > 40 ? dayDigits - 40 : dayDigits;
    const month = monthDigits > 80 ? monthDigits - 80 : monthDigits > 40 ? monthDigits - 40 : monthDigits;
    const twoDigitYear = Number(value.slice(4, 6));
    const individual = Number(value.slice(6, 9));
    return ISSUED.some(({ individuals: [low, high], years: [first, last] }) => {
      if (individual < low || individual > high) return false;
      const year = Math.floor(first / 100) * 100 + twoDigitYear + (Math.floor(first / 100) * 100 + twoDigitYear < first ? 100 : 0);
      if (year > last) return false;
      const date = new Date(Date.UTC(year, month - 1, day));
      return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    });
  };

  it('accepts exactly what NAV accepts, where the individual number is issued for the birth year', () => {
    fc.assert(
      fc.property(candidates, (value) => {
        const nav = idnr(value).status === 'valid';
        // NAV's validator reads the year from two digits and does not check the individual-number
        // ranges; ours also requires a birth year the number is issued for (and a real date in it).
        expect(isValidFodselsnummer(value)).toBe(nav && issuedForARealBirthDate(value));
        if (issuedForARealBirthDate(value)) expect(fodselsnummerBirthDate(value)).not.toBeNull();
      }),
      { seed: 20_261_201, numRuns: 20_000 },
    );
  });
});

describe('fodselsnummerBirthDate', () => {
  it.each([
    ['15079012367', '1990-07-15'],
    ['45109023497', '1990-10-05'],
    ['15459010006', '1990-05-15'],
    ['10915596784', '1955-11-10'],
    ['50846202355', '1962-04-10'],
    ['02013299997', '2032-01-02'],
    ['01018561243', '1885-01-01'],
  ])('reads %s as born %s', (value, date) => {
    expect(fodselsnummerBirthDate(value)).toBe(date);
  });

  it.each(['29029710188', '01015075097', '1507901236'])('reads no birth date from %s', (value) => {
    expect(fodselsnummerBirthDate(value)).toBeNull();
  });
});

describe('maskFodselsnummer', () => {
  it('reveals no digit and the same shape for any number', () => {
    expect(maskFodselsnummer('15079012367')).not.toMatch(/\d/);
    expect(maskFodselsnummer('15079012367')).toBe(maskFodselsnummer('45109023497'));
  });

  it('is empty when no number is set', () => {
    expect(maskFodselsnummer(null)).toBe('');
    expect(maskFodselsnummer('')).toBe('');
  });
});

describe('syntheticFodselsnummer', () => {
  it('generates 1000 valid synthetic numbers that carry the birth date, month + 80, and the sex digit', () => {
    const rng = mulberry32(20_240_601);
    for (let i = 0; i < 1000; i++) {
      const y = 1854 + Math.floor(rng() * (2039 - 1854 + 1));
      const m = 1 + Math.floor(rng() * 12);
      const d = 1 + Math.floor(rng() * 28);
      const sex = rng() < 0.5 ? 'female' : 'male';
      const fnr = syntheticFodselsnummer({ y, m, d }, rng, sex);

      expect(isValidFodselsnummer(fnr), `${y}-${m}-${d}`).toBe(true);
      expect(fnr.slice(0, 6)).toBe(`${String(d).padStart(2, '0')}${String(m + SYNTHETIC_MONTH_OFFSET)}${String(y % 100).padStart(2, '0')}`);
      expect(fodselsnummerBirthDate(fnr)).toBe(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
      // A synthetic number is never a real person's: real months are 01–12 (52 at most for an H-number).
      expect(Number(fnr.slice(2, 4))).toBeGreaterThan(80);
      expect(Number(fnr[8]) % 2).toBe(sex === 'male' ? 1 : 0);
    }
  });

  it('uses the individual-number range of the century', () => {
    const rng = mulberry32(7);
    for (let i = 0; i < 200; i++) {
      expect(Number(syntheticFodselsnummer({ y: 1880, m: 5, d: 17 }, rng).slice(6, 9))).toBeGreaterThanOrEqual(500);
      expect(Number(syntheticFodselsnummer({ y: 1880, m: 5, d: 17 }, rng).slice(6, 9))).toBeLessThanOrEqual(749);
      expect(Number(syntheticFodselsnummer({ y: 1925, m: 5, d: 17 }, rng).slice(6, 9))).toBeLessThanOrEqual(499);
      expect(Number(syntheticFodselsnummer({ y: 2012, m: 5, d: 17 }, rng).slice(6, 9))).toBeGreaterThanOrEqual(500);
    }
  });

  it('is reproducible from the seed', () => {
    const a = syntheticFodselsnummer({ y: 1990, m: 7, d: 15 }, mulberry32(42));
    const b = syntheticFodselsnummer({ y: 1990, m: 7, d: 15 }, mulberry32(42));
    expect(a).toBe(b);
  });

  it('refuses birth years and dates no number can exist for', () => {
    expect(() => syntheticFodselsnummer({ y: 1850, m: 1, d: 1 }, mulberry32(1))).toThrow(RangeError);
    expect(() => syntheticFodselsnummer({ y: 2040, m: 1, d: 1 }, mulberry32(1))).toThrow(RangeError);
    expect(() => syntheticFodselsnummer({ y: 1997, m: 2, d: 29 }, mulberry32(1))).toThrow(RangeError);
  });
});
