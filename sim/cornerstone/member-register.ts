import { generateMember } from './member-generator.ts';
import { osloIsoString } from './oslo-time.ts';
import type { CornerstoneMemberPatch, CornerstoneMemberRecord } from './records.ts';

/**
 * The simulated member register: members are generated from (seed, index) when asked for, and
 * only the ones a test changed are held in memory, so a million-member register costs nothing.
 */
export class MemberRegister {
  readonly seed: number;
  #count: number;
  readonly #overrides = new Map<number, CornerstoneMemberRecord>();

  constructor(seed: number, count: number) {
    this.seed = seed;
    this.#count = checkedCount(count);
  }

  get count(): number {
    return this.#count;
  }

  setCount(count: number): void {
    this.#count = checkedCount(count);
  }

  at(index: number): CornerstoneMemberRecord {
    this.#checkIndex(index);
    return this.#overrides.get(index) ?? generateMember(this.seed, index);
  }

  /** Members `[from, from + size)` that exist; empty past the end. */
  slice(from: number, size: number): CornerstoneMemberRecord[] {
    const end = Math.min(from + size, this.#count);
    const members: CornerstoneMemberRecord[] = [];
    for (let index = from; index < end; index++) members.push(this.at(index));
    return members;
  }

  /** Changes a member as a Cornerstone user would; `lastModified` moves to now unless the patch sets it. */
  update(index: number, patch: CornerstoneMemberPatch): CornerstoneMemberRecord {
    const updated: CornerstoneMemberRecord = { ...this.at(index), lastModified: osloIsoString(Date.now()), ...patch };
    this.#overrides.set(index, updated);
    return updated;
  }

  #checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.#count) {
      throw new RangeError(`Member index ${index} is outside 0..${this.#count - 1}`);
    }
  }
}

function checkedCount(count: number): number {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`memberCount must be a whole number ≥ 0, got ${count}`);
  return count;
}
