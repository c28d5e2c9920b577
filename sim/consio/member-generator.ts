import { emailLocalPart } from '../cornerstone/names.ts';
import { mixSeed, mulberry32, pick, pickWeighted } from '../cornerstone/prng.ts';
import { syntheticFodselsnummer, type Rng } from '../shared/synthetic-fnr.ts';
import { syntheticPerson } from '../shared/synthetic-person.ts';
import {
  actNoForIndex,
  consioDepartments,
  consioFunctionIds,
  consioFunctionNames,
  type ConsioFunction,
  type ConsioMemberRecord,
  type ConsioStatus,
} from './records.ts';

const changedFrom = Date.UTC(2022, 0, 1);
const changedTo = Date.UTC(2025, 5, 1);

// Different from Cornerstone's mix on purpose: Consio organisations chase unpaid dues harder.
const statusWeights: readonly (readonly [ConsioStatus, number])[] = [
  ['ACTIVE', 76],
  ['NEW', 6],
  ['UNPAID', 10],
  ['TERMINATED', 7],
  ['DECEASED', 1],
];

/**
 * Office holders come from the first members of each department, so every department has exactly
 * one chair, deputy and treasurer however many members there are.
 */
const officesByBlock: readonly (number | null)[] = [
  consioFunctionIds.chair,
  consioFunctionIds.deputyChair,
  consioFunctionIds.treasurer,
  consioFunctionIds.boardMember,
  consioFunctionIds.boardMember,
  consioFunctionIds.contactPerson,
  consioFunctionIds.groupLeader,
  consioFunctionIds.auditor,
];

const emailDomains = ['example.com', 'example.org', 'example.net', 'example.no'] as const;

// A separate stream from the member generator's, so the baseline time never shifts member data.
const changedTimeSalt = 0x5c0f_1e57;

export function consioFunction(functionId: number): ConsioFunction {
  return { functionId, functionName: consioFunctionNames[functionId] ?? `Verv ${functionId}` };
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

function digits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += Math.floor(rng() * 10);
  return out;
}

/**
 * When a generated member was last changed, in epoch ms. It grows with the index (members who
 * joined earlier were last touched earlier), which is what lets a delta query over a million
 * members find its start by binary search instead of generating every member. Each index owns one
 * slot of the 2022–2025 span and draws its time inside it, so the order is strict across slots.
 */
export function baselineChangedTime(seed: number, index: number, baselineCount: number): number {
  const slot = (changedTo - changedFrom) / Math.max(1, baselineCount);
  const offset = mixSeed(seed ^ changedTimeSalt, index) / 4_294_967_296;
  return changedFrom + Math.floor((index + offset) * slot);
}

export function consioMobile(rng: Rng): string {
  // A few members abroad keep their foreign number; Consio stores Norwegian ones without +47.
  if (rng() < 0.03) return `+46 7${digits(rng, 1)} ${digits(rng, 3)} ${digits(rng, 2)} ${digits(rng, 2)}`;
  return `${rng() < 0.5 ? '4' : '9'}${digits(rng, 7)}`;
}

export function consioEmail(rng: Rng, firstname: string, surname: string): string {
  const suffix = rng() < 0.4 ? String(1 + Math.floor(rng() * 99)) : '';
  return `${emailLocalPart(firstname)}.${emailLocalPart(surname)}${suffix}@${pick(rng, emailDomains)}`;
}

/** The member at `index` (0-based) for `seed`; pure, so any page can be built on demand. */
export function generateConsioMember(seed: number, index: number, changedTimeMs: number): ConsioMemberRecord {
  const rng = mulberry32(mixSeed(seed, index));
  const department = consioDepartments[index % consioDepartments.length] ?? null;
  const office = officesByBlock[Math.floor(index / consioDepartments.length)] ?? null;

  const { sex, firstName: firstname, lastName: surname, y, m, d } = syntheticPerson(rng, office !== null);

  const ssn = rng() < 0.55 ? syntheticFodselsnummer({ y, m, d }, rng, sex) : null;
  const emailAddress = rng() < 0.88 ? consioEmail(rng, firstname, surname) : null;
  const mobilePhone = rng() < 0.9 ? consioMobile(rng) : null;

  // Office holders are active by definition; anyone else draws from the register's mix.
  const memberStatus = office === null ? pickWeighted(rng, statusWeights) : 'ACTIVE';
  const functions = [consioFunction(consioFunctionIds.member)];
  if (office !== null) functions.push(consioFunction(office));
  if (memberStatus === 'ACTIVE' && rng() < 0.12) functions.push(consioFunction(consioFunctionIds.volunteer));

  return {
    actNo: actNoForIndex(index),
    firstname,
    surname,
    gender: sex === 'female' ? 'K' : 'M',
    emailAddress,
    mobilePhone,
    dateOfBirth: `${twoDigits(d)}.${twoDigits(m)}.${y}`,
    ssn,
    memberStatus,
    functions,
    department: department === null ? null : { ...department },
    changedTime: new Date(changedTimeMs).toISOString(),
  };
}
