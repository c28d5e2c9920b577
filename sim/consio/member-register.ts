import { baselineChangedTime, generateConsioMember } from './member-generator.ts';
import type { ConsioMemberPatch, ConsioMemberRecord } from './records.ts';

/**
 * A clock for change stamps that never repeats a value, so (changedTime, actNo) orders every
 * change strictly and a delta cursor taken between two quick changes cannot skip one of them.
 */
class ChangeClock {
  #last = 0;

  stamp(): number {
    this.#last = Math.max(Date.now(), this.#last + 1);
    return this.#last;
  }
}

/**
 * The simulated Consio register. Members are generated from (seed, index) when asked for; only
 * changed, joined and removed members are held in memory, so a million members cost nothing.
 * Indexes below `baselineCount` are generated; joins get higher indexes and are always stored.
 */
export class ConsioMemberRegister {
  readonly seed: number;
  readonly baselineCount: number;
  #count: number;
  readonly #overrides = new Map<number, ConsioMemberRecord>();
  readonly #removed = new Set<number>();
  readonly #clock = new ChangeClock();
  #generated = 0;

  constructor(seed: number, count: number) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`memberCount must be a whole number ≥ 0, got ${count}`);
    this.seed = seed;
    this.baselineCount = count;
    this.#count = count;
  }

  /** Indexes ever issued, removed ones included: the end of the actNo range. */
  get issued(): number {
    return this.#count;
  }

  /** Members the register holds now. */
  get size(): number {
    return this.#count - this.#removed.size;
  }

  /** How many members were built from (seed, index) so far: tests use it to prove pages are lazy. */
  get generatedCount(): number {
    return this.#generated;
  }

  exists(index: number): boolean {
    return Number.isInteger(index) && index >= 0 && index < this.#count && !this.#removed.has(index);
  }

  isStored(index: number): boolean {
    return this.#overrides.has(index);
  }

  /** The member as stored (before any invalid-record defect is applied). */
  at(index: number): ConsioMemberRecord {
    if (!this.exists(index)) throw new RangeError(`No member at index ${index}`);
    const stored = this.#overrides.get(index);
    if (stored !== undefined) return stored;
    this.#generated++;
    return generateConsioMember(this.seed, index, baselineChangedTime(this.seed, index, this.baselineCount));
  }

  /**
   * The generated change time of a baseline index, whatever happened to the member since. It grows
   * with the index, so delta listings find their start among generated members by binary search.
   */
  baselineTimeMs(index: number): number {
    return baselineChangedTime(this.seed, index, this.baselineCount);
  }

  /**
   * The member's change time in epoch ms for delta ordering, without generating the member.
   * Null when a test stored a change time that is not a date: such a member is left out of
   * delta listings, as no position in the order fits it.
   */
  changedTimeMs(index: number): number | null {
    const stored = this.#overrides.get(index);
    if (stored === undefined) return this.baselineTimeMs(index);
    const ms = Date.parse(stored.changedTime);
    return Number.isNaN(ms) ? null : ms;
  }

  /** Stored members as [index, record], in no particular order. */
  stored(): IterableIterator<[number, ConsioMemberRecord]> {
    return this.#overrides.entries();
  }

  removedIndexes(): ReadonlySet<number> {
    return this.#removed;
  }

  /** Changes a member as a Consio user would; `changedTime` moves to now unless the patch sets it. */
  update(index: number, patch: ConsioMemberPatch): ConsioMemberRecord {
    const updated: ConsioMemberRecord = { ...this.at(index), changedTime: this.#stampIso(), ...patch };
    this.#overrides.set(index, updated);
    return updated;
  }

  /** A new member at the end of the register, built like the others but stamped now. */
  append(patch: ConsioMemberPatch = {}): number {
    const index = this.#count++;
    this.#generated++;
    const generated = generateConsioMember(this.seed, index, 0);
    this.#overrides.set(index, { ...generated, changedTime: this.#stampIso(), ...patch });
    return index;
  }

  remove(index: number): void {
    if (!this.exists(index)) throw new RangeError(`No member at index ${index}`);
    this.#overrides.delete(index);
    this.#removed.add(index);
  }

  #stampIso(): string {
    return new Date(this.#clock.stamp()).toISOString();
  }
}
