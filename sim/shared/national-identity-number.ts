import { fodselsnummerBirthDate, isValidFodselsnummer } from '../../shared/domain/fodselsnummer.ts';

/**
 * How both registry simulators judge a national identity number written to a member, in the
 * order they answer: the number itself, then what the member holds, then the member's birth date.
 */
export type NumberProblem = 'not_eleven_digits' | 'no_birth_date' | 'bad_control_digits';

/** What is wrong with a number whoever it is for, or null when it is a valid fødselsnummer or D-number. */
export function numberProblem(value: string): NumberProblem | null {
  if (!/^\d{11}$/.test(value)) return 'not_eleven_digits';
  if (fodselsnummerBirthDate(value) === null) return 'no_birth_date';
  return isValidFodselsnummer(value) ? null : 'bad_control_digits';
}

/** What a member holds next to the number a write brings: registries keep a number once set. */
export function heldNumber(held: string | null, value: string): 'none' | 'same' | 'other' {
  const compact = held?.replace(/[\s-]/g, '') ?? '';
  if (compact === '') return 'none';
  return compact === value ? 'same' : 'other';
}

/** Whether a valid number encodes the member's birth date (`yyyy-MM-dd`); synthetic and D-number shifts are allowed. */
export function fitsBirthDate(value: string, isoBirthDate: string | null): boolean {
  return isoBirthDate !== null && fodselsnummerBirthDate(value) === isoBirthDate;
}
