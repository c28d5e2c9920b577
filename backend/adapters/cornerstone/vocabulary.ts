import { memberRoles, memberStatuses, type MemberRole, type MemberStatus } from '../../../shared/domain/member.ts';

/**
 * Cornerstone's codes for our statuses and roles, in one place for both directions: `satisfies`
 * makes a status or role added to the canonical model a type error here until it is mapped.
 */
export const cornerstoneStatusCodes = {
  active: 'Aktiv',
  pending: 'Avventer',
  lapsed: 'Restanse',
  resigned: 'Utmeldt',
  deceased: 'Død',
} as const satisfies Record<MemberStatus, string>;

export const cornerstoneRoleCodes = {
  member: 'MEDLEM',
  board_member: 'STYREMEDLEM',
  chair: 'STYRELEDER',
  deputy_chair: 'NESTLEDER',
  treasurer: 'KASSERER',
  leader: 'LEDER',
  volunteer: 'FRIVILLIG',
  contact_person: 'KONTAKTPERSON',
} as const satisfies Record<MemberRole, string>;

export const statusFromCornerstone: ReadonlyMap<string, MemberStatus> = new Map(
  memberStatuses.map((status) => [cornerstoneStatusCodes[status], status]),
);

export const roleFromCornerstone: ReadonlyMap<string, MemberRole> = new Map(memberRoles.map((role) => [cornerstoneRoleCodes[role], role]));
