import type { MemberPatch } from '../../../shared/domain/member-patch.ts';
import { cornerstoneRoleCodes, cornerstoneStatusCodes } from './vocabulary.ts';

/** The body of `PATCH /api/v1/members/{memberId}`: only the fields being changed. */
export interface CornerstoneMemberWrite {
  membershipStatus?: string;
  /** Role codes; Cornerstone replaces the member's roles with these. */
  roles?: string[];
  email?: string | null;
  mobile?: string | null;
  /** By id: Cornerstone names its own units. */
  unit?: { unitId: string } | null;
}

/** A canonical patch in Cornerstone's vocabulary: the reverse of `mapCornerstoneRecord`. */
export function cornerstoneWriteFor(patch: MemberPatch): CornerstoneMemberWrite {
  const write: CornerstoneMemberWrite = {};
  if (patch.status !== undefined) write.membershipStatus = cornerstoneStatusCodes[patch.status];
  if (patch.roles !== undefined) write.roles = [...new Set(patch.roles.map((role) => cornerstoneRoleCodes[role]))];
  if (patch.email !== undefined) write.email = patch.email;
  if (patch.phone !== undefined) write.mobile = patch.phone;
  if (patch.affiliation !== undefined) write.unit = patch.affiliation === null ? null : { unitId: patch.affiliation.unitId };
  return write;
}
