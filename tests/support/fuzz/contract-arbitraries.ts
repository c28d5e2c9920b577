import fc from 'fast-check';
import type { z } from 'zod';
import { PageCursor } from '../../../shared/contract/pagination.ts';
import { awkwardText, extraKeys, forgedCursor, hostileValue, isoLikeInstant } from './hostile-values.ts';
import { defOf, maxLength, minLength, numberBounds, WRAPPERS, type Def } from './zod-schema.ts';

/**
 * Inputs for an operation, derived from its zod input schema: values whose every field passes
 * the contract (so they reach the handler and its SQL), drawn towards the edges of what each
 * field accepts, which is where the contract and the database may disagree; and the same values
 * with one field made hostile, keys added or removed, or the whole input replaced. Uuid fields
 * draw from `idPools` by field name, so most ids name rows that exist.
 */

export type IdPools = Readonly<Record<string, readonly string[]>>;

const CRON_FIELDS = fc.constantFrom('*', '0', '5', '59', '60', '*/15', '1-5', '1,2,3', '99-1', '*/0', 'MON', 'jan', '?', 'L', '');

function numberCandidates(schema: z.ZodType): fc.Arbitrary<number> {
  const { min, max, int, step } = numberBounds(schema);
  const low = min ?? -1e6;
  const high = max ?? 1e6;
  const edges = [low, high, low - 1, high + 1, low + (step ?? 1), high - (step ?? 1), 0, -0, Number.MIN_VALUE, low / 2 + high / 2].filter(
    Number.isFinite,
  );
  return fc.oneof(
    fc.constantFrom(...edges),
    int ? fc.integer({ min: Math.ceil(low), max: Math.floor(high) }) : fc.double({ min: low, max: high, noNaN: true }),
    step
      ? fc.integer({ min: Math.ceil(low / step), max: Math.floor(high / step) }).map((n) => n * step)
      : fc.double({ min: low, max: high, noNaN: true }),
    fc.double(),
  );
}

function stringCandidates(schema: z.ZodType, def: Def, field: string, pools: IdPools): fc.Arbitrary<string> {
  if (schema === PageCursor) return fc.oneof(forgedCursor, fc.string({ minLength: 1, maxLength: 200 }));
  if (def['format'] === 'uuid') {
    const pool = pools[field] ?? [];
    return pool.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
  }
  if (def['format'] === 'datetime')
    return fc.oneof(
      isoLikeInstant(),
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    );
  if (field === 'scheduleCron') return fc.array(CRON_FIELDS, { minLength: 3, maxLength: 7 }).map((parts) => parts.join(' '));
  // A field that needs some length (a legal basis) gets strings long enough for the filter to keep.
  const atLeast = minLength(def) ?? 0;
  if (atLeast > 1) return fc.string({ unit: 'binary', minLength: atLeast + 2, maxLength: Math.min(maxLength(def) ?? 300, atLeast + 300) });
  return fc.oneof(fc.string({ unit: 'binary', maxLength: maxLength(def) ?? 300 }), awkwardText);
}

/** Candidates for a leaf field, in and just outside what it accepts. */
function leafCandidates(schema: z.ZodType, def: Def, field: string, pools: IdPools): fc.Arbitrary<unknown> | null {
  switch (def.type) {
    case 'string':
      return stringCandidates(schema, def, field, pools);
    case 'number':
      return numberCandidates(schema);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def['entries'] as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def['values'] as unknown[]));
    default:
      return null;
  }
}

/** Values whose every leaf satisfies its own schema, biased to its edges; `field` is the key it sits under. */
export function validish(schema: z.ZodType, pools: IdPools, field = ''): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const leaf = leafCandidates(schema, def, field, pools);
  if (leaf) return leaf.filter((value) => schema.safeParse(value).success);
  switch (def.type) {
    case 'object': {
      const shape = def['shape'] as Record<string, z.ZodType>;
      const model = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, validish(value, pools, key)]));
      const required = Object.entries(shape)
        .filter(([, value]) => !['optional', 'default'].includes(defOf(value).type))
        .map(([key]) => key);
      return fc.record(model, { requiredKeys: required });
    }
    case 'nullable':
      return fc.oneof(fc.constant(null), validish(def['innerType'] as z.ZodType, pools, field));
    case 'optional':
    case 'default':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return validish(def['innerType'] as z.ZodType, pools, field);
    case 'pipe':
      return validish(def['in'] as z.ZodType, pools, field);
    case 'array': {
      const max = maxLength(def);
      return fc.array(validish(def['element'] as z.ZodType, pools, field), { minLength: 1, maxLength: max ?? 5 });
    }
    case 'union':
      return fc.oneof(...(def['options'] as z.ZodType[]).map((option) => validish(option, pools, field)));
    case 'tuple':
      return fc.tuple(...(def['items'] as z.ZodType[]).map((item) => validish(item, pools, field)));
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 20 }), validish(def['valueType'] as z.ZodType, pools, field), { maxKeys: 4 });
    default:
      return hostileValue;
  }
}

/** What may go in `field` of an object schema when it is made hostile: anything, or that field's own near misses. */
function hostileFor(schema: z.ZodType, field: string, pools: IdPools): fc.Arbitrary<unknown> {
  const shape = defOf(schema)['shape'] as Record<string, z.ZodType> | undefined;
  let inner = shape?.[field];
  while (inner && WRAPPERS.has(defOf(inner).type)) inner = defOf(inner)['innerType'] as z.ZodType;
  const near = inner ? leafCandidates(inner, defOf(inner), field, pools) : null;
  return near ? fc.oneof(hostileValue, near) : hostileValue;
}

/** Inputs for one operation: contract-shaped, one field hostile, keys added or taken away, or nothing like an object. */
export function operationInput(schema: z.ZodType, pools: IdPools): fc.Arbitrary<unknown> {
  const shaped = validish(schema, pools);
  const asObject = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const fields = Object.keys((defOf(schema)['shape'] as Record<string, z.ZodType> | undefined) ?? {});
  const oneFieldHostile =
    fields.length === 0
      ? fc.tuple(shaped, hostileValue).map(([value, hostile]) => ({ ...asObject(value), x: hostile }))
      : fc
          .constantFrom(...fields)
          .chain((field) => fc.tuple(fc.constant(field), shaped, hostileFor(schema, field, pools)))
          .map(([field, value, hostile]) => ({ ...asObject(value), [field]: hostile }));
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 4, arbitrary: oneFieldHostile },
    { weight: 1, arbitrary: fc.tuple(shaped, extraKeys).map(([value, extra]) => ({ ...asObject(value), ...extra })) },
    {
      weight: 1,
      arbitrary: fc.tuple(shaped, fc.nat()).map(([value, pick]) => {
        const entries = Object.entries(asObject(value));
        return Object.fromEntries(entries.filter((_, index) => index !== pick % Math.max(entries.length, 1)));
      }),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}
