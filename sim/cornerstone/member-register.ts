import { ChangeClock, type ChangeStamp } from './change-clock.ts';
import { generatedLastModifiedEnd, generateMember } from './member-generator.ts';
import { indexForMemberId, memberIdForIndex, type CornerstoneMemberPatch, type CornerstoneMemberRecord } from './records.ts';

/** One change to the register, in the order it was made; webhooks are sent from these. */
export type RegisterChange =
  | { kind: 'created' | 'updated'; index: number; record: CornerstoneMemberRecord; at: ChangeStamp }
  | { kind: 'deleted'; index: number; memberId: string; at: ChangeStamp };

interface DeltaListing {
  version: number;
  sinceMs: number;
  indexes: number[];
}

/**
 * The simulated member register: members are generated from (seed, index) when asked for, and
 * only the ones changed or removed are held in memory, so a million-member register costs nothing.
 * Indexes are slots: a removed member keeps its slot (and id) but is no longer listed.
 */
export class MemberRegister {
  readonly seed: number;
  #slots: number;
  readonly #overrides = new Map<number, CornerstoneMemberRecord>();
  readonly #removed = new Set<number>();
  #removedSorted: number[] | null = [];
  readonly #clock: ChangeClock;
  #listener: ((change: RegisterChange) => void) | null = null;
  // Bumped on every mutation, so a delta listing is computed once per state, not once per page.
  #version = 0;
  #deltaCache: DeltaListing | null = null;

  constructor(seed: number, count: number, clock: ChangeClock = new ChangeClock()) {
    this.seed = seed;
    this.#slots = checkedCount(count);
    this.#clock = clock;
  }

  onChange(listener: ((change: RegisterChange) => void) | null): void {
    this.#listener = listener;
  }

  /** Members the register holds now (what the API reports as totalCount). */
  get count(): number {
    return this.#slots - this.#removedBelow(this.#slots);
  }

  /** Members ever generated, removed ones included; the next join gets this index. */
  get slotCount(): number {
    return this.#slots;
  }

  /** A test lever, not a change: no webhooks. Shrinking forgets changes to the members cut off. */
  setCount(count: number): void {
    this.#slots = checkedCount(count);
    for (const index of this.#overrides.keys()) if (index >= this.#slots) this.#overrides.delete(index);
    for (const index of this.#removed) if (index >= this.#slots) this.#removed.delete(index);
    this.#removedSorted = null;
    this.#version++;
  }

  has(index: number): boolean {
    return Number.isInteger(index) && index >= 0 && index < this.#slots && !this.#removed.has(index);
  }

  /** The index of a listed member, or null for an id that is not (or no longer) in the register. */
  indexOf(memberId: string): number | null {
    const index = indexForMemberId(memberId);
    return index !== null && this.has(index) ? index : null;
  }

  at(index: number): CornerstoneMemberRecord {
    this.#checkIndex(index);
    return this.#overrides.get(index) ?? generateMember(this.seed, index);
  }

  /** Indexes of the listed members at positions `[from, from + size)` in member-id order; empty past the end. */
  listedIndexes(from: number, size: number): number[] {
    const indexes: number[] = [];
    if (size <= 0 || from >= this.count) return indexes;
    for (let index = this.#indexAtPosition(from); index < this.#slots && indexes.length < size; index++) {
      if (!this.#removed.has(index)) indexes.push(index);
    }
    return indexes;
  }

  /** Every listed index in member-id order, lazily. */
  *allListedIndexes(): Generator<number> {
    for (let index = 0; index < this.#slots; index++) if (!this.#removed.has(index)) yield index;
  }

  /**
   * Indexes of listed members whose lastModified is at or after `sinceMs`, ordered by
   * lastModified then member id. Before the generated members' time range this walks the whole
   * register; after it (the usual delta, since a recent sync) only the changed members.
   */
  changedSince(sinceMs: number): number[] {
    const cached = this.#deltaCache;
    if (cached !== null && cached.version === this.#version && cached.sinceMs === sinceMs) return cached.indexes;

    const changed: { index: number; at: number }[] = [];
    for (const [index, record] of this.#overrides) {
      const at = Date.parse(record.lastModified);
      if (at >= sinceMs) changed.push({ index, at });
    }
    if (sinceMs < generatedLastModifiedEnd) {
      for (const index of this.allListedIndexes()) {
        if (this.#overrides.has(index)) continue;
        const at = Date.parse(generateMember(this.seed, index).lastModified);
        if (at >= sinceMs) changed.push({ index, at });
      }
    }
    changed.sort((a, b) => a.at - b.at || a.index - b.index);
    const indexes = changed.map((entry) => entry.index);
    this.#deltaCache = { version: this.#version, sinceMs, indexes };
    return indexes;
  }

  /** Changes a member as a Cornerstone user would; `lastModified` moves to now unless the patch sets it. */
  update(index: number, patch: CornerstoneMemberPatch): CornerstoneMemberRecord {
    const at = this.#clock.next();
    const updated: CornerstoneMemberRecord = { ...this.at(index), lastModified: at.iso, ...patch };
    this.#overrides.set(index, updated);
    this.#version++;
    this.#listener?.({ kind: 'updated', index, record: updated, at });
    return updated;
  }

  /** A new member after all existing ones, shaped from what the generator would give that index. */
  join(shape: (generated: CornerstoneMemberRecord) => CornerstoneMemberRecord): CornerstoneMemberRecord {
    const index = this.#slots;
    const at = this.#clock.next();
    const joined: CornerstoneMemberRecord = { ...shape(generateMember(this.seed, index)), lastModified: at.iso };
    this.#slots++;
    this.#overrides.set(index, joined);
    this.#version++;
    this.#listener?.({ kind: 'created', index, record: joined, at });
    return joined;
  }

  /** Deletes a member: it leaves every listing, and the members after it move up a position. */
  remove(index: number): void {
    this.#checkIndex(index);
    const at = this.#clock.next();
    this.#removed.add(index);
    this.#overrides.delete(index);
    this.#removedSorted = null;
    this.#version++;
    this.#listener?.({ kind: 'deleted', index, memberId: memberIdForIndex(index), at });
  }

  #sortedRemovals(): number[] {
    this.#removedSorted ??= [...this.#removed].sort((a, b) => a - b);
    return this.#removedSorted;
  }

  /** How many removed indexes are below `limit`. */
  #removedBelow(limit: number): number {
    const sorted = this.#sortedRemovals();
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((sorted[mid] ?? Infinity) < limit) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The slot of the listed member at 0-based `position`: the smallest index with position + 1 listed members at or below it. */
  #indexAtPosition(position: number): number {
    let low = position;
    let high = position + this.#removed.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (mid + 1 - this.#removedBelow(mid + 1) >= position + 1) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  #checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.#slots) {
      throw new RangeError(`Member index ${index} is outside 0..${this.#slots - 1}`);
    }
    if (this.#removed.has(index)) throw new RangeError(`Member ${memberIdForIndex(index)} was removed from the register`);
  }
}

function checkedCount(count: number): number {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`memberCount must be a whole number ≥ 0, got ${count}`);
  return count;
}
