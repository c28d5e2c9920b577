import { z } from 'zod';
import { Affiliation, MemberRole, MemberStatus, type CanonicalMember, type DataCategory } from './member.ts';

/**
 * A write back to a registry: the fields of one or more data categories, as the canonical
 * model names them. Adapters translate it into their system's vocabulary. Personnummer is
 * not here: it has its own write path and never travels with ordinary field updates.
 */
export const MemberPatch = z
  .object({
    status: MemberStatus.optional(),
    roles: z.array(MemberRole).max(20).optional(),
    email: z.email().max(320).nullable().optional(),
    phone: z.string().max(40).nullable().optional(),
    affiliation: Affiliation.nullable().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'A member patch must change at least one field');
export type MemberPatch = z.infer<typeof MemberPatch>;

/** The canonical fields each data category covers; conflict rules are set per category. */
export const categoryFields = {
  membership_status: ['status'],
  roles: ['roles'],
  contact_details: ['email', 'phone'],
  affiliation: ['affiliation'],
} as const satisfies Record<DataCategory, readonly (keyof CanonicalMember)[]>;

/** The patch that carries one category's values from `member` to another system. */
export function patchForCategory(member: CanonicalMember, category: DataCategory): MemberPatch {
  switch (category) {
    case 'membership_status':
      return { status: member.status };
    case 'roles':
      return { roles: [...member.roles] };
    case 'contact_details':
      return { email: member.email, phone: member.phone };
    case 'affiliation':
      return { affiliation: member.affiliation };
  }
}
