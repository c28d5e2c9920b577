import { z } from 'zod';

/**
 * Cornerstone's wire format. Vocabulary fields (status, role codes) are plain strings here so an
 * unknown value becomes a quarantined record with a precise reason in mapping, not a schema failure.
 * Optional contact fields accept a missing key as well as null: vendors drop null keys freely.
 */
export const CornerstoneRole = z.object({
  code: z.string(),
  name: z.string().nullish(),
});

export const CornerstoneUnit = z.object({
  unitId: z.string(),
  unitName: z.string(),
});

export const CornerstoneMemberRecord = z.object({
  memberId: z.string().min(1).max(100),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullish(),
  mobile: z.string().nullish(),
  birthDate: z.string().nullish(),
  nationalIdentityNumber: z.string().nullish(),
  membershipStatus: z.string(),
  roles: z.array(CornerstoneRole).nullish(),
  unit: CornerstoneUnit.nullish(),
  lastModified: z.string(),
});
export type CornerstoneMemberRecord = z.infer<typeof CornerstoneMemberRecord>;

const count = z.int().min(0);

/** Records stay `unknown` here: one bad record must not fail the page. */
export const CornerstoneMemberPage = z.object({
  data: z.array(z.unknown()),
  meta: z.object({
    page: z.int().min(1),
    pageSize: z.int().min(1),
    totalCount: count,
    totalPages: count,
  }),
});
export type CornerstoneMemberPage = z.infer<typeof CornerstoneMemberPage>;

export const CornerstoneOrganization = z.object({
  id: z.union([z.string(), z.number()]),
  name: z.string().min(1),
  /** What this organization's Cornerstone offers; without the field, webhooks are assumed (as before it existed). */
  features: z.object({ webhooks: z.boolean().optional() }).optional(),
});

export const CornerstoneToken = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().positive().optional(),
});

/** Cornerstone's answer to a refused write: which fields it did not accept (values are not repeated). */
export const CornerstoneValidationFailure = z.object({
  error: z.literal('validation_failed'),
  message: z.string().optional(),
  fields: z.array(z.string()).optional(),
});

/**
 * Cornerstone's answer to `PUT /api/v1/members/{memberId}/national-identity-number`: whether a
 * number is now held, never the number itself.
 */
export const CornerstoneNationalIdentityNumberWritten = z.object({
  memberId: z.string(),
  hasNationalIdentityNumber: z.literal(true),
  lastModified: z.string(),
});
