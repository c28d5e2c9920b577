import { z } from 'zod';
import { ConflictResolution } from '../domain/conflict-rules.ts';
import { Affiliation, DataCategory, MemberRole, MemberStatus } from '../domain/member.ts';
import { ErrorCode } from '../domain/errors.ts';
import { AdminRef, isoDateTime } from './schemas.ts';
import { PageCursor, PageLimit, pageOf } from './pagination.ts';

/**
 * One side of a conflict: a data category's canonical fields. Strict shapes, so nothing but
 * these fields can cross (personnummer is not a category and can never be one).
 */
export const ConflictValue = z.union([
  z.strictObject({ status: MemberStatus }),
  z.strictObject({ roles: z.array(MemberRole) }),
  z.strictObject({ email: z.string().nullable(), phone: z.string().nullable() }),
  z.strictObject({ affiliation: Affiliation.nullable() }),
]);
export type ConflictValue = z.infer<typeof ConflictValue>;

export const ConflictSide = z.enum(['app', 'external']);
export type ConflictSide = z.infer<typeof ConflictSide>;

/**
 * The registry write behind a conflict the app's value won. not_needed: the registry's value
 * won; pending: queued in the outbox (a rule's decision), the worker writes it shortly; written:
 * the registry accepted it; failed: the registry refused it (errorCode says why). A pending
 * conflict shows the attempt an admin's choice for the app made and the registry refused.
 */
export const ConflictSourceWrite = z.object({
  status: z.enum(['not_needed', 'pending', 'written', 'failed']),
  errorCode: ErrorCode.nullable(),
  /** When it was written or refused; when it was queued while pending; null when not needed. */
  at: isoDateTime.nullable(),
});
export type ConflictSourceWrite = z.infer<typeof ConflictSourceWrite>;

export const ConflictView = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  integrationId: z.uuid(),
  memberId: z.uuid(),
  externalId: z.string(),
  /** First and last name as the app holds them; null if the member is gone. */
  memberName: z.string().nullable(),
  category: DataCategory,
  appValue: ConflictValue,
  externalValue: ConflictValue,
  appChangedAt: isoDateTime,
  externalChangedAt: isoDateTime,
  ruleResolution: ConflictResolution,
  /** 0 is the built-in default rule. */
  ruleVersion: z.number().int().nonnegative(),
  /** What the rule decided, or for manual review the side that changed last. */
  proposedWinner: ConflictSide,
  status: z.enum(['pending', 'resolved']),
  winner: ConflictSide.nullable(),
  /** rule: decided automatically; proposal: an admin applied the proposal; override: an admin chose the other side. */
  resolvedHow: z.enum(['rule', 'proposal', 'override']).nullable(),
  resolvedBy: AdminRef.nullable(),
  resolvedAt: isoDateTime.nullable(),
  detectedAt: isoDateTime,
  /** Null while pending with no write tried; poll conflicts.get while it is pending. */
  sourceWrite: ConflictSourceWrite.nullable(),
});
export type ConflictView = z.infer<typeof ConflictView>;

export const ConflictsListInput = z
  .object({
    orgId: z.uuid().optional(),
    integrationId: z.uuid().optional(),
    status: z.enum(['pending', 'resolved', 'all']).default('pending'),
    category: DataCategory.optional(),
    cursor: PageCursor.optional(),
    limit: PageLimit,
  })
  .strict();

export const ConflictPage = pageOf(ConflictView);

export const ConflictIdInput = z.object({ conflictId: z.uuid() }).strict();

export const ConflictResolveInput = z
  .object({
    conflictId: z.uuid(),
    /** Apply the proposal, or pick a side outright (an override when it is not the proposal). */
    choice: z.enum(['proposal', 'app', 'external']),
  })
  .strict();
