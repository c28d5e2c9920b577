import { femaleFirstNames, lastNames, maleFirstNames } from '../cornerstone/names.ts';
import { pick } from '../cornerstone/prng.ts';
import type { LegalSex, Rng } from './synthetic-fnr.ts';

// Fixed rather than "now" so the same seed gives the same register on any day.
const referenceYear = 2025;

/** Who a generated member is, before each vendor shapes the record its own way. */
export interface SyntheticPerson {
  sex: LegalSex;
  firstName: string;
  lastName: string;
  /** Date of birth. */
  y: number;
  m: number;
  d: number;
}

/**
 * A person's sex, name and date of birth, drawn from `rng` in a fixed order so the same seed
 * gives the same person. Office holders are adults; one in ten other members is a child.
 */
export function syntheticPerson(rng: Rng, holdsOffice: boolean): SyntheticPerson {
  const sex: LegalSex = rng() < 0.5 ? 'female' : 'male';
  const firstName = pick(rng, sex === 'female' ? femaleFirstNames : maleFirstNames);
  const lastName = pick(rng, lastNames);

  const isChild = !holdsOffice && rng() < 0.1;
  const age = isChild ? 6 + Math.floor(rng() * 12) : 18 + Math.floor(rng() * 75);
  const birth = new Date(Date.UTC(referenceYear - age, 0, 1 + Math.floor(rng() * 365)));
  return { sex, firstName, lastName, y: birth.getUTCFullYear(), m: birth.getUTCMonth() + 1, d: birth.getUTCDate() };
}
