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

export const RulesPreviewInput = z.object({ orgId: z.uuid(), category: DataCategory, resolution: ConflictResolution }).strict();

const count = z.number().int().nonnegative();

/** How many conflicts a rule settles for each side, and how many it leaves for a person. */
export const RuleImpactCounts = z.object({
  total: count,
  app: count,
  external: count,
  manualReview: count,
});
export type RuleImpactCounts = z.infer<typeof RuleImpactCounts>;

/** The days of resolved conflicts a rule preview looks back over. */
export const RULE_PREVIEW_DAYS = 30;

/**
 * What saving `resolution` for `category` would do, before it is saved: to the conflicts waiting
 * for review now (each is settled again at the member's next sync), and to the conflicts
 * resolved in the last `RULE_PREVIEW_DAYS` days, had the rule been in force.
 */
export const RulesPreviewOutput = z.object({
  orgId: z.uuid(),
  category: DataCategory,
  resolution: ConflictResolution,
  pending: RuleImpactCounts,
  recent: RuleImpactCounts.extend({
    /** Resolved at or after this instant. */
    since: isoDateTime,
    days: z.number().int().positive(),
    /** Of those the rule settles, how many for the side that actually won. */
    agreeing: count,
  }),
});
export type RulesPreviewOutput = z.infer<typeof RulesPreviewOutput>;
