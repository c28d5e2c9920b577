import { createHash } from 'node:crypto';
import type { CornerstoneSim } from '../../../sim/cornerstone/server.ts';
import type { ConsioSim } from '../../../sim/consio/server.ts';
import type { VippsTestUser } from '../../../sim/vipps/users.ts';
import { mixSeed, mulberry32 } from '../../../sim/cornerstone/prng.ts';
import { syntheticFodselsnummer } from '../../../sim/shared/synthetic-fnr.ts';

/**
 * The people behind the demo registries' members: each has an account in the members' app and,
 * from 15, a Vipps test user with their own synthetic number, so a Vipps login can be matched to
 * their member records. Some are members of two organizations. In a few registry records the
 * birth date is a day off (a typo at registration), so their number must not be written.
 */
export interface DemoPerson {
  /** The members' app account (its Supabase auth user id). */
  appUserId: string;
  /** The Vipps test user; null under 15, since Vipps Login is closed to them. */
  vipps: VippsTestUser | null;
  /** Their member records, by registry. */
  records: { system: 'cornerstone' | 'consio'; externalId: string }[];
  /** Whether a registry already holds a number for every record (a login then writes nothing). */
  registryHasNumber: boolean;
}

/** People who are members in both the Cornerstone and the Consio demo registry. */
const SHARED_PEOPLE = 12;
/** One record in this many has its birth date a day off in the registry. */
const BIRTH_DATE_TYPO_EVERY = 40;
const MIN_VIPPS_AGE = 15;

/** A stable UUID (version 4 layout) for a name: the same person gets the same app account every start. */
function uuidFor(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

function ageOn(birthDate: string, today: Date): number {
  const [y = 0, m = 1, d = 1] = birthDate.split('-').map(Number);
  const age = today.getUTCFullYear() - y;
  const hadBirthday = today.getUTCMonth() + 1 > m || (today.getUTCMonth() + 1 === m && today.getUTCDate() >= d);
  return hadBirthday ? age : age - 1;
}

function nextDay(birthDate: string): string {
  const date = new Date(`${birthDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** `dd.MM.yyyy` (Consio) to `YYYY-MM-DD`. */
const fromConsioDate = (value: string): string => value.split('.').reverse().join('-');
const toConsioDate = (value: string): string => value.split('-').reverse().join('.');

interface Member {
  system: 'cornerstone' | 'consio';
  externalId: string;
  index: number;
  givenName: string;
  familyName: string;
  /** As the registry holds it. */
  birthDate: string;
  registryNumber: string | null;
}

/**
 * The person's own number: the registry's when it has one; otherwise a synthetic number for
 * their real birth date, which for a typo record is a day after the registry's.
 */
function personOf(member: Member, others: Member[], today: Date, seed: number): DemoPerson {
  const rng = mulberry32(mixSeed(seed, member.index));
  const typo = member.registryNumber === null && others.length === 0 && rng() < 1 / BIRTH_DATE_TYPO_EVERY;
  const trueBirthDate = typo ? nextDay(member.birthDate) : member.birthDate;
  const [y = 0, m = 1, d = 1] = trueBirthDate.split('-').map(Number);
  const nin = member.registryNumber ?? syntheticFodselsnummer({ y, m, d }, rng);
  const prefix = member.system === 'cornerstone' ? '474' : '479';
  return {
    appUserId: uuidFor(`demo-app-user:${member.system}:${member.externalId}`),
    vipps:
      ageOn(trueBirthDate, today) < MIN_VIPPS_AGE
        ? null
        : {
            phoneNumber: `${prefix}${String(member.index).padStart(7, '0')}`,
            nin,
            givenName: member.givenName,
            familyName: member.familyName,
            birthDate: trueBirthDate,
          },
    records: [member, ...others].map(({ system, externalId }) => ({ system, externalId })),
    registryHasNumber: member.registryNumber !== null && others.every((other) => other.registryNumber !== null),
  };
}

/**
 * Builds the demo's people from the registries as they are at start. The first Consio members
 * without a number are made the same people as Cornerstone members without one (same name and
 * birth date), before the first sync, as if they had joined both organizations.
 */
export function demoPeople(registries: { cornerstone: CornerstoneSim; consio: ConsioSim | null }, today = new Date()): DemoPerson[] {
  const cornerstone: Member[] = [...registries.cornerstone.records()].map((record, index) => ({
    system: 'cornerstone',
    externalId: record.memberId,
    index,
    givenName: record.firstName,
    familyName: record.lastName ?? 'Ukjent',
    birthDate: record.birthDate,
    registryNumber: record.nationalIdentityNumber,
  }));
  const consio: Member[] = [];
  const sharedWith = new Map<string, Member>();
  if (registries.consio) {
    const sim = registries.consio;
    const lonelyCornerstone = cornerstone.filter((member) => member.registryNumber === null && ageOn(member.birthDate, today) >= 18);
    let shared = 0;
    // A snapshot first: updating a member while iterating the register would visit it again.
    for (const record of [...sim.records()]) {
      const index = sim.indexOf(record.actNo);
      if (index === null) continue;
      const partner = record.ssn === null && shared < SHARED_PEOPLE ? lonelyCornerstone[shared * 7] : undefined;
      if (partner) {
        shared += 1;
        sim.updateMember(index, { firstname: partner.givenName, surname: partner.familyName, dateOfBirth: toConsioDate(partner.birthDate) });
      }
      const member: Member = {
        system: 'consio',
        externalId: String(record.actNo),
        index: 1_000_000 + index,
        givenName: partner?.givenName ?? record.firstname,
        familyName: partner?.familyName ?? record.surname,
        birthDate: partner?.birthDate ?? fromConsioDate(record.dateOfBirth),
        registryNumber: record.ssn,
      };
      if (partner) sharedWith.set(partner.externalId, member);
      else consio.push(member);
    }
  }
  return [
    ...cornerstone.map((member) => {
      const other = sharedWith.get(member.externalId);
      return personOf(member, other ? [other] : [], today, registries.cornerstone.seed);
    }),
    ...consio.map((member) => personOf(member, [], today, registries.consio?.seed ?? 1)),
  ];
}
