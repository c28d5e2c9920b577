import { syntheticFodselsnummer } from '../shared/synthetic-fnr.ts';
import { syntheticPerson } from '../shared/synthetic-person.ts';
import { emailLocalPart, localChapters } from './names.ts';
import { osloIsoString } from './oslo-time.ts';
import { mixSeed, mulberry32, pick, pickWeighted } from './prng.ts';
import {
  cornerstoneRoleNames,
  memberIdForIndex,
  type CornerstoneMemberRecord,
  type CornerstoneRole,
  type CornerstoneRoleCode,
  type CornerstoneStatus,
} from './records.ts';

const lastModifiedFrom = Date.UTC(2022, 0, 1);
const lastModifiedTo = Date.UTC(2025, 5, 1);

/** Every generated member was last modified before this instant; only later changes are newer. */
export const generatedLastModifiedEnd = lastModifiedTo;

const statusWeights: readonly (readonly [CornerstoneStatus, number])[] = [
  ['Aktiv', 78],
  ['Avventer', 5],
  ['Restanse', 9],
  ['Utmeldt', 7],
  ['Død', 1],
];

/**
 * Office holders come from the first members of each chapter, so every chapter has exactly one
 * chair, deputy and treasurer however many members there are — and no member is generated twice.
 */
const officesByBlock: readonly (CornerstoneRoleCode | null)[] = [
  'STYRELEDER',
  'NESTLEDER',
  'KASSERER',
  'STYREMEDLEM',
  'STYREMEDLEM',
  'STYREMEDLEM',
  'KONTAKTPERSON',
  'LEDER',
  'LEDER',
];

const emailDomains = ['example.com', 'example.org', 'example.net'] as const;

function role(code: CornerstoneRoleCode): CornerstoneRole {
  return { code, name: cornerstoneRoleNames[code] };
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

function digits(rng: () => number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += Math.floor(rng() * 10);
  return out;
}

/** The member at `index` (0-based) of the register for `seed`; pure, so any page can be built on demand. */
export function generateMember(seed: number, index: number): CornerstoneMemberRecord {
  const rng = mulberry32(mixSeed(seed, index));
  const chapter = localChapters[index % localChapters.length] ?? localChapters[0];
  const office = officesByBlock[Math.floor(index / localChapters.length)] ?? null;

  const { sex, firstName, lastName, y, m, d } = syntheticPerson(rng, office !== null);

  const hasNin = rng() < 0.6;
  const nationalIdentityNumber = hasNin ? syntheticFodselsnummer({ y, m, d }, rng, sex) : null;

  const hasEmail = rng() < 0.9;
  const suffix = rng() < 0.4 ? String(1 + Math.floor(rng() * 99)) : '';
  const email = hasEmail ? `${emailLocalPart(firstName)}.${emailLocalPart(lastName)}${suffix}@${pick(rng, emailDomains)}` : null;

  const hasMobile = rng() < 0.92;
  const mobile = hasMobile ? `+47 ${rng() < 0.5 ? '4' : '9'}${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 3)}` : null;

  // Office holders are active by definition; anyone else draws from the register's mix.
  const status = office === null ? pickWeighted(rng, statusWeights) : 'Aktiv';
  const roles = [role('MEDLEM')];
  if (office !== null) roles.push(role(office));
  if (status === 'Aktiv' && rng() < 0.12) roles.push(role('FRIVILLIG'));

  const lastModified = osloIsoString(lastModifiedFrom + Math.floor(rng() * (lastModifiedTo - lastModifiedFrom)));

  return {
    memberId: memberIdForIndex(index),
    firstName,
    lastName,
    email,
    mobile,
    birthDate: `${y}-${twoDigits(m)}-${twoDigits(d)}`,
    nationalIdentityNumber,
    membershipStatus: status,
    roles,
    unit: { unitId: chapter.unitId, unitName: chapter.unitName },
    lastModified,
  };
}
