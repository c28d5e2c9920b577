import { z } from 'zod';

/**
 * Why a registry record was set aside (quarantined), as codes the console puts in its own words.
 * The adapters' English `reason` is kept beside them only as a fallback for rows stored before
 * these codes existed.
 */
export const quarantineProblems = [
  /** The record is not an object, or fails the basic shape of a member record. */
  'not_a_record',
  /** A required field is absent or empty. */
  'missing',
  /** A value of the wrong form: a bad date, a bad e-mail address, the wrong type. */
  'invalid',
  /** A membership status word this integration does not know. */
  'unknown_status',
  /** The registry's member id is itself a personnummer, which is never imported. */
  'personnummer_in_id',
  /** Text the database cannot store: a NUL character or half a surrogate pair. */
  'unstorable_text',
  /** A value longer (or larger) than the member model allows. */
  'too_long',
] as const;
export const QuarantineProblem = z.enum(quarantineProblems);
export type QuarantineProblem = z.infer<typeof QuarantineProblem>;

/**
 * The canonical member fields a problem can name. A field is always one of these (or null when
 * the problem is with the record as a whole): never a value, never a registry's own key.
 */
export const quarantineFields = [
  'externalId',
  'firstName',
  'lastName',
  'email',
  'phone',
  'birthDate',
  'status',
  'roles',
  'affiliation',
  'personnummer',
  'sourceUpdatedAt',
] as const;
export type QuarantineField = (typeof quarantineFields)[number];
const knownFields: ReadonlySet<string> = new Set(quarantineFields);
export const isQuarantineField = (name: string): name is QuarantineField => knownFields.has(name);

/** At most this many problems are kept per record: a badly broken record does not make an essay. */
export const MAX_QUARANTINE_PROBLEMS = 10;

export const QuarantineProblemEntry = z.object({ field: z.string().max(50).nullable(), problem: QuarantineProblem });
export type QuarantineProblemEntry = { field: QuarantineField | null; problem: QuarantineProblem };

/** Each (field, problem) once, in the order first met, and no more than `MAX_QUARANTINE_PROBLEMS`. */
export function boundProblems(problems: Iterable<QuarantineProblemEntry>): QuarantineProblemEntry[] {
  const seen = new Set<string>();
  const kept: QuarantineProblemEntry[] = [];
  for (const entry of problems) {
    const key = `${entry.field ?? ''}:${entry.problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ field: entry.field, problem: entry.problem });
    if (kept.length === MAX_QUARANTINE_PROBLEMS) break;
  }
  return kept;
}
