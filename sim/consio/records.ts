import { localChapters } from '../cornerstone/names.ts';

/**
 * The simulated Consio wire format. Consio publishes no admin API, so these names are our design
 * (see README.md), chosen to differ from Cornerstone the way two real vendors differ: English
 * camel-case field names, numeric ids, Norwegian dates, UTC change times.
 * Status and function codes are plain strings/numbers on the record because a vendor can add
 * values at any time; tests use that to serve values the adapter does not know.
 */
export const consioStatuses = ['ACTIVE', 'NEW', 'UNPAID', 'TERMINATED', 'DECEASED'] as const;
export type ConsioStatus = (typeof consioStatuses)[number];

/** Consio's "verv" (functions), by numeric id. Membership itself is function 1. */
export const consioFunctionNames: Readonly<Record<number, string>> = {
  1: 'Medlem',
  10: 'Styreleder',
  11: 'Nestleder',
  12: 'Kasserer',
  13: 'Styremedlem',
  20: 'Gruppeleder',
  30: 'Frivillig',
  40: 'Kontaktperson',
  // A local function the integration does not sync; the register holds a few.
  90: 'Revisor',
};

export const consioFunctionIds = {
  member: 1,
  chair: 10,
  deputyChair: 11,
  treasurer: 12,
  boardMember: 13,
  groupLeader: 20,
  volunteer: 30,
  contactPerson: 40,
  auditor: 90,
} as const;

export interface ConsioFunction {
  functionId: number;
  functionName: string;
}

export interface ConsioDepartment {
  departmentNo: number;
  departmentName: string;
}

/** Consio departments are numbered by the municipality they are in (Oslo 301, Bergen 4601, ...). */
export const consioDepartments: readonly ConsioDepartment[] = localChapters.map((chapter) => ({
  departmentNo: Number(chapter.unitId.slice(3)),
  departmentName: `Avdeling ${chapter.unitName.replace(/ lokallag$/, '')}`,
}));

export function departmentByNo(departmentNo: number): ConsioDepartment | undefined {
  return consioDepartments.find((department) => department.departmentNo === departmentNo);
}

export interface ConsioMemberRecord {
  actNo: number;
  firstname: string;
  surname: string;
  /** `K` (kvinne) or `M`; served but not synced. */
  gender: string;
  emailAddress: string | null;
  mobilePhone: string | null;
  /** `dd.MM.yyyy`. */
  dateOfBirth: string;
  /** An 11-digit fødselsnummer, or null. */
  ssn: string | null;
  memberStatus: string;
  functions: ConsioFunction[];
  department: ConsioDepartment | null;
  /** UTC with milliseconds, e.g. `2024-03-15T09:22:31.123Z`. */
  changedTime: string;
}

/** What a test may change on a member; the member number is fixed by its index. */
export type ConsioMemberPatch = Partial<Omit<ConsioMemberRecord, 'actNo'>>;

const firstActNo = 100_001;

export function actNoForIndex(index: number): number {
  return firstActNo + index;
}

/** The index for a member number, or null for a number this register never issued. */
export function indexForActNo(actNo: number): number | null {
  const index = actNo - firstActNo;
  return Number.isSafeInteger(index) && index >= 0 ? index : null;
}
