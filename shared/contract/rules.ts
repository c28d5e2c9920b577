import { z } from 'zod';
import { ConflictResolution } from '../domain/conflict-rules.ts';
import { DataCategory } from '../domain/member.ts';
import { AdminRef, isoDateTime } from './schemas.ts';

export const ConflictRuleVersion = z.object({
  version: z.number().int().positive(),
  resolution: ConflictResolution,
  createdBy: AdminRef.nullable(),
  createdAt: isoDateTime,
});
export type ConflictRuleVersion = z.infer<typeof ConflictRuleVersion>;

export const CategoryRule = z.object({
  category: DataCategory,
  /** The rule in force. */
  resolution: ConflictResolution,
  /** 0 while the built-in default applies. */
  version: z.number().int().nonnegative(),
  defaultResolution: ConflictResolution,
  /** Every saved version, newest first. */
  history: z.array(ConflictRuleVersion),
});
export type CategoryRule = z.infer<typeof CategoryRule>;

export const OrgConflictRules = z.object({
  orgId: z.uuid(),
  /** The four data categories, always in the same order. */
  categories: z.array(CategoryRule),
});
export type OrgConflictRules = z.infer<typeof OrgConflictRules>;

export const RulesListInput = z.object({ orgId: z.uuid() }).strict();

export const RulesUpdateInput = z.object({ orgId: z.uuid(), category: DataCategory, resolution: ConflictResolution }).strict();

export const RulesUpdateOutput = z.object({
  /** False when the rule in force already was this one: no new version, nothing audited. */
  changed: z.boolean(),
  rules: OrgConflictRules,
});
