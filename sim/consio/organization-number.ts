import { mixSeed } from '../cornerstone/prng.ts';

const weights = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * A Brønnøysund organisation number for the seed: nine digits, the last a mod-11 check digit, so
 * a client that validates organisation numbers accepts it. It starts with 9, as registered
 * associations' numbers do.
 */
export function syntheticOrganizationNumber(seed: number): string {
  for (let attempt = 0; ; attempt++) {
    const body = `9${String(mixSeed(seed, attempt) % 10_000_000).padStart(7, '0')}`;
    const sum = Array.from(body, Number).reduce((total, digit, i) => total + digit * (weights[i] ?? 0), 0);
    const check = (11 - (sum % 11)) % 11;
    // A remainder that makes the check digit 10 is never issued; draw another.
    if (check !== 10) return `${body}${check}`;
  }
}
