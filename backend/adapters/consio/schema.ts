import { z } from 'zod';
import { StorableText } from '../../../shared/domain/storable.ts';

/**
 * Consio's wire format (our design; see sim/consio/README.md). Vocabulary fields (status, function
 * ids) are loose here so an unknown value becomes a quarantined record with a precise reason in
 * mapping, not a schema failure. Optional fields accept a missing key as well as null.
 */
export const ConsioFunction = z.object({
  functionId: z.int(),
  functionName: z.string().nullish(),
});

export const ConsioDepartment = z.object({
  departmentNo: z.int().min(0).max(999_999_999),
  departmentName: z.string(),
});

export const ConsioMemberRecord = z.object({
  actNo: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  firstname: z.string(),
  surname: z.string(),
  emailAddress: z.string().nullish(),
  mobilePhone: z.string().nullish(),
  dateOfBirth: z.string().nullish(),
  ssn: z.string().nullish(),
  memberStatus: z.string(),
  functions: z.array(ConsioFunction).max(100).nullish(),
  department: ConsioDepartment.nullish(),
  changedTime: z.string(),
});
export type ConsioMemberRecord = z.infer<typeof ConsioMemberRecord>;

/** Records stay `unknown` here: one bad record must not fail the page. */
export const ConsioMemberPage = z.object({
  items: z.array(z.unknown()),
  // Stored as the job's checkpoint, so it must be text the database can hold.
  nextCursor: StorableText.min(1).max(2000).nullable(),
  totalCount: z.int().min(0),
});
export type ConsioMemberPage = z.infer<typeof ConsioMemberPage>;

export const ConsioOrganization = z.object({
  organizationNumber: z.union([z.string(), z.number()]).optional(),
  name: z.string().min(1),
  // An organisation without the features block has no webhooks: the engine polls instead.
  features: z.object({ webhooks: z.boolean().optional() }).optional(),
});
