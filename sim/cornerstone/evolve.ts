import type { EvolvePlan, EvolveResult } from '../shared/registry-sim.ts';
import type { Rng } from '../shared/synthetic-fnr.ts';
import type { MemberRegister } from './member-register.ts';
import { emailLocalPart, localChapters } from './names.ts';
import { pick } from './prng.ts';
import { cornerstoneRoleNames, type CornerstoneMemberRecord, type CornerstoneRoleCode } from './records.ts';

// One per chapter by construction; moving or lapsing their holders would break that.
const uniqueOffices = new Set<string>(['STYRELEDER', 'NESTLEDER', 'KASSERER']);
// Roles that come and go without touching the one-per-chapter offices.
const toggledRoles: readonly CornerstoneRoleCode[] = ['FRIVILLIG', 'KONTAKTPERSON', 'STYREMEDLEM', 'LEDER'];

function holdsUniqueOffice(record: CornerstoneMemberRecord): boolean {
  return record.roles.some((role) => uniqueOffices.has(role.code));
}

function checkedAmount(name: string, value: number | undefined): number {
  const amount = value ?? 0;
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`evolve: ${name} must be a whole number ≥ 0, got ${value}`);
  return amount;
}

function digits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += Math.floor(rng() * 10);
  return out;
}

/**
 * Changes the register the way a membership register changes over weeks: people join, lapse,
 * take on or drop roles, move chapter, change contact details, and are deleted. Members are
 * drawn from `rng`, so the same plan on the same seed changes the same members. No member is
 * changed twice in one call; a register too small for the plan gets fewer changes.
 */
export function evolveRegister(register: MemberRegister, rng: Rng, plan: EvolvePlan): EvolveResult {
  const amounts = {
    joins: checkedAmount('joins', plan.joins),
    lapses: checkedAmount('lapses', plan.lapses),
    roleChanges: checkedAmount('roleChanges', plan.roleChanges),
    chapterMoves: checkedAmount('chapterMoves', plan.chapterMoves),
    contactChanges: checkedAmount('contactChanges', plan.contactChanges),
    removals: checkedAmount('removals', plan.removals),
  };
  const changed: string[] = [];
  const removed: string[] = [];
  const touched = new Set<number>();

  /** Up to `amount` distinct, untouched members that `fits` accepts, each handed to `change`. */
  const forMembers = (
    amount: number,
    fits: (record: CornerstoneMemberRecord) => boolean,
    change: (index: number, record: CornerstoneMemberRecord) => void,
  ): void => {
    let done = 0;
    for (let attempts = 0; done < amount && attempts < amount * 50 + 1_000 && register.slotCount > 0; attempts++) {
      const index = Math.floor(rng() * register.slotCount);
      if (touched.has(index) || !register.has(index)) continue;
      const record = register.at(index);
      if (!fits(record)) continue;
      touched.add(index);
      change(index, record);
      done++;
    }
  };

  for (let i = 0; i < amounts.joins; i++) {
    const joined = register.join((generated) => {
      // New members are active, or pending until their first payment; office holders start active.
      const status = holdsUniqueOffice(generated) || rng() < 0.7 ? 'Aktiv' : 'Avventer';
      const roles = status === 'Aktiv' ? generated.roles : generated.roles.filter((role) => role.code !== 'FRIVILLIG');
      return { ...generated, membershipStatus: status, roles };
    });
    touched.add(register.slotCount - 1);
    changed.push(joined.memberId);
  }

  forMembers(
    amounts.lapses,
    (record) => record.membershipStatus === 'Aktiv' && !holdsUniqueOffice(record),
    (index) => {
      // Most lapse by not paying (Restanse); some resign outright (Utmeldt).
      const membershipStatus = rng() < 2 / 3 ? 'Restanse' : 'Utmeldt';
      changed.push(register.update(index, { membershipStatus }).memberId);
    },
  );

  forMembers(
    amounts.roleChanges,
    (record) => record.membershipStatus === 'Aktiv',
    (index, record) => {
      const code = pick(rng, toggledRoles);
      const roles = record.roles.some((role) => role.code === code)
        ? record.roles.filter((role) => role.code !== code)
        : [...record.roles, { code, name: cornerstoneRoleNames[code] }];
      changed.push(register.update(index, { roles }).memberId);
    },
  );

  forMembers(
    amounts.chapterMoves,
    (record) => !holdsUniqueOffice(record),
    (index, record) => {
      const others = localChapters.filter((chapter) => chapter.unitId !== record.unit?.unitId);
      const chapter = pick(rng, others);
      changed.push(register.update(index, { unit: { unitId: chapter.unitId, unitName: chapter.unitName } }).memberId);
    },
  );

  forMembers(
    amounts.contactChanges,
    () => true,
    (index, record) => {
      const email = `${emailLocalPart(record.firstName)}.${emailLocalPart(record.lastName)}${digits(rng, 3)}@example.net`;
      const mobile = `+47 ${rng() < 0.5 ? '4' : '9'}${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 3)}`;
      const which = rng();
      const patch = which < 0.4 ? { email } : which < 0.8 ? { mobile } : { email, mobile };
      changed.push(register.update(index, patch).memberId);
    },
  );

  forMembers(
    amounts.removals,
    () => true,
    (index, record) => {
      register.remove(index);
      removed.push(record.memberId);
    },
  );

  return { changed, removed };
}
