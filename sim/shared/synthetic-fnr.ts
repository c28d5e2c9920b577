import { fodselsnummerControlDigits, individualNumberRangesForYear } from '../../shared/domain/fodselsnummer.ts';

/** A uniform source in [0, 1); seeded in the simulators so their data is reproducible. */
export type Rng = () => number;

export interface BirthDate {
  y: number;
  m: number;
  d: number;
}

export type LegalSex = 'female' | 'male';

/** Tenor's synthetic numbers add 80 to the month. */
export const SYNTHETIC_MONTH_OFFSET = 80;

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

function randomIndividualNumber(ranges: readonly (readonly [number, number])[], rng: Rng): number {
  const size = ranges.reduce((total, [low, high]) => total + high - low + 1, 0);
  let offset = Math.floor(rng() * size);
  for (const [low, high] of ranges) {
    const width = high - low + 1;
    if (offset < width) return low + offset;
    offset -= width;
  }
  throw new Error('unreachable: offset is below the total range size');
}

function buildNumber(datePart: string, individual: number): string | null {
  const firstNine = `${datePart}${String(individual).padStart(3, '0')}`;
  const controls = fodselsnummerControlDigits(Array.from(firstNine, Number));
  return controls === null ? null : `${firstNine}${controls[0]}${controls[1]}`;
}

/**
 * A checksum-valid synthetic fødselsnummer for a birth date, for simulator members only. Its
 * month has 80 added, as the Norwegian test registry (Tenor) issues them: no real person has
 * such a number, so synthetic data can never carry someone's real one. About one individual
 * number in six gives a control digit of 10, so it draws until both control digits exist. The
 * third individual digit is even for women and odd for men, as in real numbers, when `sex` is given.
 */
export function syntheticFodselsnummer(birthDate: BirthDate, rng: Rng, sex?: LegalSex): string {
  const { y, m, d } = birthDate;
  const ranges = individualNumberRangesForYear(y);
  if (ranges.length === 0) throw new RangeError(`No fødselsnummer individual numbers exist for birth year ${y}`);
  const real = new Date(Date.UTC(y, m - 1, d));
  if (real.getUTCFullYear() !== y || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d) {
    throw new RangeError('Birth date is not a real calendar date');
  }

  const datePart = `${twoDigits(d)}${twoDigits(m + SYNTHETIC_MONTH_OFFSET)}${twoDigits(y % 100)}`;
  const fitsSex = (individual: number): boolean => sex === undefined || individual % 2 === (sex === 'male' ? 1 : 0);

  for (let attempt = 0; attempt < 64; attempt++) {
    const individual = randomIndividualNumber(ranges, rng);
    if (!fitsSex(individual)) continue;
    const fnr = buildNumber(datePart, individual);
    if (fnr !== null) return fnr;
  }
  // A bad run of draws is astronomically unlikely; a scan keeps the function total anyway.
  for (const [low, high] of ranges) {
    for (let individual = low; individual <= high; individual++) {
      if (!fitsSex(individual)) continue;
      const fnr = buildNumber(datePart, individual);
      if (fnr !== null) return fnr;
    }
  }
  throw new RangeError('No valid fødselsnummer exists for this birth date');
}
