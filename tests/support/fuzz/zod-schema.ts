import type { z } from 'zod';

/**
 * Reading a zod 4 schema's definition: its kind, and the bounds its checks state. The fuzz
 * generators and the contract-bounds test both walk the contract's schemas with it. zod keeps
 * these in `_zod.def`, which is internal but stable within a major version (pinned in package.json).
 */

export interface Def {
  type: string;
  [key: string]: unknown;
}

interface Check {
  check: string;
  value?: number;
  inclusive?: boolean;
  format?: string;
  maximum?: number;
  minimum?: number;
}

export const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const checksOf = (def: Def): Check[] => ((def['checks'] as Array<{ _zod: { def: Check } }> | undefined) ?? []).map((check) => check._zod.def);

export const hasChecks = (schema: z.ZodType): boolean => checksOf(defOf(schema)).length > 0;

/** The wrappers that leave a value's own schema inside: optional, default, nullable and the like. */
export const WRAPPERS: ReadonlySet<string> = new Set(['optional', 'default', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** Numeric bounds as the schema states them. */
export function numberBounds(schema: z.ZodType): {
  min?: number;
  max?: number;
  minInclusive: boolean;
  maxInclusive: boolean;
  int: boolean;
  step?: number;
} {
  const bounds: ReturnType<typeof numberBounds> = { minInclusive: true, maxInclusive: true, int: false };
  for (const check of checksOf(defOf(schema))) {
    if (check.check === 'greater_than') Object.assign(bounds, { min: check.value, minInclusive: check.inclusive ?? false });
    if (check.check === 'less_than') Object.assign(bounds, { max: check.value, maxInclusive: check.inclusive ?? false });
    if (check.check === 'number_format' && (check.format === 'safeint' || check.format === 'int32')) bounds.int = true;
    if (check.check === 'multiple_of') bounds.step = check.value;
  }
  return bounds;
}

export function maxLength(def: Def): number | undefined {
  return checksOf(def).find((check) => check.check === 'max_length')?.maximum;
}

export function minLength(def: Def): number | undefined {
  return checksOf(def).find((check) => check.check === 'min_length')?.minimum;
}
