import { z } from 'zod';
import { DataCategory, dataCategories } from './member.ts';

/** What happens when the app and a registry both changed a category to different values. */
export const conflictResolutions = ['external_wins', 'app_wins', 'manual_review'] as const;
export const ConflictResolution = z.enum(conflictResolutions);
export type ConflictResolution = z.infer<typeof ConflictResolution>;

export interface ConflictRule {
  category: DataCategory;
  resolution: ConflictResolution;
  /** 0 is the built-in default; saved rules count from 1. */
  version: number;
}

export type ConflictRuleSet = Readonly<Record<DataCategory, ConflictRule>>;

/**
 * Built-in rules, version 0. The registry is the membership system of record, so it wins for
 * status, roles and affiliation. Contact details are what members edit themselves in the
 * app, so when both sides changed them a person decides.
 */
export const defaultConflictResolutions: Readonly<Record<DataCategory, ConflictResolution>> = {
  membership_status: 'external_wins',
  roles: 'external_wins',
  contact_details: 'manual_review',
  affiliation: 'external_wins',
};

/** The rule set in force: the saved rule of highest version per category, else the default. */
export function ruleSetFrom(saved: readonly ConflictRule[]): ConflictRuleSet {
  const rules = {} as Record<DataCategory, ConflictRule>;
  for (const category of dataCategories) {
    rules[category] = { category, resolution: defaultConflictResolutions[category], version: 0 };
  }
  for (const rule of saved) {
    if (rule.version > rules[rule.category].version) rules[rule.category] = rule;
  }
  return rules;
}

/**
 * The side a rule settles a conflict for, or null when it leaves the conflict to a person.
 * Reconciliation decides with it, and the rule preview counts with it.
 */
export function settledSide(resolution: ConflictResolution): 'app' | 'external' | null {
  return resolution === 'external_wins' ? 'external' : resolution === 'app_wins' ? 'app' : null;
}

export const AbsentMemberAction = z.enum(['lapse', 'remove']);
export type AbsentMemberAction = z.infer<typeof AbsentMemberAction>;

/**
 * An organization's full-sync safety settings. The bounds are the database's
 * (`sync.org_sync_settings`: a percentage in numeric(5, 2), so two decimals; a member count
 * up to a million), and tests/db/contract-bounds.test.ts proves the two agree.
 */
export const SyncSafetySettings = z.object({
  absentMemberAction: AbsentMemberAction,
  guardMaxPercent: z.number().min(0.01).max(100).multipleOf(0.01, { message: 'Use at most two decimals.' }),
  guardMaxMembers: z.number().int().min(0).max(1_000_000),
});
export type SyncSafetySettings = z.infer<typeof SyncSafetySettings>;

export const defaultSyncSafetySettings: SyncSafetySettings = {
  absentMemberAction: 'lapse',
  guardMaxPercent: 10,
  guardMaxMembers: 500,
};

/**
 * How many lapses and removals one full sync may make before it is held for approval: the
 * smaller of a share of the members and a fixed count (Entra's 500-object default, Okta's
 * percentage safeguard).
 */
export function guardThreshold(settings: SyncSafetySettings, memberCount: number): number {
  return Math.min(Math.ceil((memberCount * settings.guardMaxPercent) / 100), settings.guardMaxMembers);
}
