import { describe, expect, it } from 'vitest';
import { isValidFodselsnummer, maskFodselsnummer } from '../../shared/domain/fodselsnummer.ts';
import { syntheticFodselsnummer } from '../../sim/shared/synthetic-fnr.ts';
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
    ['45459010029', 'both a D-number and an H-number'],
    ['01015075097', 'individual 750–899 is not issued for 1940–1999'],
    ['01014550050', 'individual 500–749 is not issued for 1940–1953'],
  ])('rejects %s (%s)', (value) => {
    expect(isValidFodselsnummer(value)).toBe(false);
  });

  it.each(['', '1507901236', '150790123670', '150790 12367', '1507901236a', '１５０７９０１２３６７'])('rejects malformed input %j', (value) => {
    expect(isValidFodselsnummer(value)).toBe(false);
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
  it('generates 1000 valid numbers that carry the birth date and the sex digit', () => {
    const rng = mulberry32(20_240_601);
    for (let i = 0; i < 1000; i++) {
      const y = 1854 + Math.floor(rng() * (2039 - 1854 + 1));
      const m = 1 + Math.floor(rng() * 12);
      const d = 1 + Math.floor(rng() * 28);
      const sex = rng() < 0.5 ? 'female' : 'male';
      const fnr = syntheticFodselsnummer({ y, m, d }, rng, sex);

      expect(isValidFodselsnummer(fnr), `${y}-${m}-${d}`).toBe(true);
      expect(fnr.slice(0, 6)).toBe(`${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y % 100).padStart(2, '0')}`);
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
