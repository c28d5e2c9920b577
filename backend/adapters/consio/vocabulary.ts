import { memberRoles, type MemberRole, type MemberStatus } from '../../../shared/domain/member.ts';

/** Consio's member statuses and function ids against ours, in both directions (read and write-back). */
export const statusFromConsio: Readonly<Record<string, MemberStatus>> = {
  ACTIVE: 'active',
  NEW: 'pending',
  UNPAID: 'lapsed',
  TERMINATED: 'resigned',
  DECEASED: 'deceased',
};

export const statusToConsio: Readonly<Record<MemberStatus, string>> = {
  active: 'ACTIVE',
  pending: 'NEW',
  lapsed: 'UNPAID',
  resigned: 'TERMINATED',
  deceased: 'DECEASED',
};

export const roleToConsioFunction: Readonly<Record<MemberRole, number>> = {
  member: 1,
  chair: 10,
  deputy_chair: 11,
  treasurer: 12,
  board_member: 13,
  leader: 20,
  volunteer: 30,
  contact_person: 40,
};

export const roleFromConsioFunction: ReadonlyMap<number, MemberRole> = new Map(memberRoles.map((role) => [roleToConsioFunction[role], role]));
