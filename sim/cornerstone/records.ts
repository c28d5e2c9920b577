/**
 * The simulated Cornerstone wire format, in the vendor's own (Norwegian) vocabulary.
 * Status and role codes are typed as plain strings on the record because a vendor can add
 * values at any time; tests use that to serve values the adapter does not know.
 */
export type CornerstoneStatus = 'Aktiv' | 'Avventer' | 'Restanse' | 'Utmeldt' | 'Død';

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
  unit: CornerstoneUnit;
  lastModified: string;
}

/** What a test may change on a member; the id is fixed by its index. */
export type CornerstoneMemberPatch = Partial<Omit<CornerstoneMemberRecord, 'memberId'>>;

export function memberIdForIndex(index: number): string {
  return `CS-${String(index + 1).padStart(7, '0')}`;
}
