/**
 * The simulated Cornerstone wire format, in the vendor's own (Norwegian) vocabulary.
 * Status and role codes are typed as plain strings on the record because a vendor can add
 * values at any time; tests use that to serve values the adapter does not know.
 */
export type CornerstoneStatus = 'Aktiv' | 'Avventer' | 'Restanse' | 'Utmeldt' | 'Død';

export const cornerstoneStatuses: readonly CornerstoneStatus[] = ['Aktiv', 'Avventer', 'Restanse', 'Utmeldt', 'Død'];

export const cornerstoneRoleNames = {
  MEDLEM: 'Medlem',
  STYREMEDLEM: 'Styremedlem',
  STYRELEDER: 'Styreleder',
  NESTLEDER: 'Nestleder',
  KASSERER: 'Kasserer',
  LEDER: 'Leder',
  FRIVILLIG: 'Frivillig',
  KONTAKTPERSON: 'Kontaktperson',
} as const;
export type CornerstoneRoleCode = keyof typeof cornerstoneRoleNames;

export function isCornerstoneRoleCode(code: string): code is CornerstoneRoleCode {
  return Object.hasOwn(cornerstoneRoleNames, code);
}

export interface CornerstoneRole {
  code: string;
  name: string;
}

export interface CornerstoneUnit {
  unitId: string;
  unitName: string;
}

export interface CornerstoneMemberRecord {
  memberId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  mobile: string | null;
  birthDate: string;
  nationalIdentityNumber: string | null;
  membershipStatus: string;
  roles: CornerstoneRole[];
  /** Null once a write has taken the member out of every local chapter. */
  unit: CornerstoneUnit | null;
  lastModified: string;
}

/**
 * A record as the API serves it. Usually a `CornerstoneMemberRecord`; with the invalid-record
 * lever on, some members are served without a last name, as a real register's bad rows are.
 */
export type CornerstoneWireMember = Omit<CornerstoneMemberRecord, 'lastName'> & { lastName?: string };

/** What a test may change on a member; the id is fixed by its index. */
export type CornerstoneMemberPatch = Partial<Omit<CornerstoneMemberRecord, 'memberId'>>;

export function memberIdForIndex(index: number): string {
  return `CS-${String(index + 1).padStart(7, '0')}`;
}

/** The register index a member id names, or null when it is not one of ours. */
export function indexForMemberId(memberId: string): number | null {
  const match = /^CS-(\d{7,9})$/.exec(memberId);
  if (match?.[1] === undefined) return null;
  const index = Number(match[1]) - 1;
  // "CS-00000001" and "CS-1" must not name the same member as "CS-0000001".
  return index >= 0 && memberIdForIndex(index) === memberId ? index : null;
}
