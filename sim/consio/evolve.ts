import { pick } from '../cornerstone/prng.ts';
import type { EvolvePlan, EvolveResult } from '../shared/registry-sim.ts';
import type { Rng } from '../shared/synthetic-fnr.ts';
import { consioEmail, consioFunction, consioMobile } from './member-generator.ts';
import type { ConsioMemberRegister } from './member-register.ts';
import { consioDepartments, consioFunctionIds, type ConsioMemberRecord } from './records.ts';

// Draws per wanted change before giving up: a small register may have too few candidates.
const attemptsPerChange = 50;

function countOf(value: number | undefined, name: string): number {
  const count = value ?? 0;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`evolve ${name} must be a whole number ≥ 0, got ${count}`);
  return count;
}

/**
 * Changes the register the way an organisation's members change over time. Every change stamps the
 * member's changedTime with now. A member is changed at most once per call, so `changed` lists each
 * id once; a register with too few candidates gets fewer changes than asked for.
 */
export function evolveRegister(register: ConsioMemberRegister, rng: Rng, plan: EvolvePlan): EvolveResult {
  const touched = new Set<number>();
  const changed: string[] = [];
  const removed: string[] = [];

  const pickMember = (fits: (member: ConsioMemberRecord) => boolean): number | null => {
    for (let attempt = 0; attempt < attemptsPerChange && register.issued > 0; attempt++) {
      const index = Math.floor(rng() * register.issued);
      if (touched.has(index) || !register.exists(index)) continue;
      if (!fits(register.at(index))) continue;
      touched.add(index);
      return index;
    }
    return null;
  };

  const changeMembers = (
    count: number,
    fits: (member: ConsioMemberRecord) => boolean,
    change: (member: ConsioMemberRecord) => Partial<ConsioMemberRecord>,
  ): void => {
    for (let done = 0; done < count; done++) {
      const index = pickMember(fits);
      if (index === null) return;
      const member = register.update(index, change(register.at(index)));
      changed.push(String(member.actNo));
    }
  };

  for (let i = countOf(plan.joins, 'joins'); i > 0; i--) {
    const index = register.append({ memberStatus: 'NEW', functions: [consioFunction(consioFunctionIds.member)] });
    touched.add(index);
    changed.push(String(register.at(index).actNo));
  }

  changeMembers(
    countOf(plan.lapses, 'lapses'),
    (member) => member.memberStatus === 'ACTIVE',
    () => ({ memberStatus: 'UNPAID' }),
  );

  changeMembers(
    countOf(plan.roleChanges, 'roleChanges'),
    () => true,
    (member) => {
      const volunteers = member.functions.some((fn) => fn.functionId === consioFunctionIds.volunteer);
      return {
        functions: volunteers
          ? member.functions.filter((fn) => fn.functionId !== consioFunctionIds.volunteer)
          : [...member.functions, consioFunction(consioFunctionIds.volunteer)],
      };
    },
  );

  changeMembers(
    countOf(plan.chapterMoves, 'chapterMoves'),
    () => true,
    (member) => {
      const others = consioDepartments.filter((department) => department.departmentNo !== member.department?.departmentNo);
      return { department: { ...pick(rng, others) } };
    },
  );

  changeMembers(
    countOf(plan.contactChanges, 'contactChanges'),
    () => true,
    (member) => (rng() < 0.5 ? { emailAddress: consioEmail(rng, member.firstname, member.surname) } : { mobilePhone: consioMobile(rng) }),
  );

  for (let i = countOf(plan.removals, 'removals'); i > 0; i--) {
    const index = pickMember(() => true);
    if (index === null) break;
    const { actNo } = register.at(index);
    register.remove(index);
    removed.push(String(actNo));
  }

  return { changed, removed };
}
