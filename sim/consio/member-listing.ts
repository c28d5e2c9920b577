import type { ConsioMemberRegister } from './member-register.ts';
import { actNoForIndex, indexForActNo } from './records.ts';

/**
 * Keyset pagination over the register. A full listing walks actNo upwards from the last member
 * served; a delta listing walks (changedTime, actNo) upwards from the last change served. Neither
 * counts positions, so members joining, changing or leaving during a listing never shift a page:
 * joins and fresh changes sort after everything already served and are reached at the end.
 */
export type ListingPosition = { kind: 'all'; actNo: number } | { kind: 'delta'; sinceMs: number; changedMs: number; actNo: number };

export interface ListingRequest {
  limit: number;
  /** Null for a full listing. */
  changedSinceMs: number | null;
  /** Where the previous page ended; null starts the listing. */
  after: ListingPosition | null;
}

export interface ListingPage {
  /** Register indexes to serve, in listing order. */
  indexes: number[];
  /** The position after the last index, when more members follow. */
  next: ListingPosition | null;
  /** Members matching the query, on every page. */
  totalCount: number;
}

/** A delta listing's sort key; index order is actNo order. */
interface ChangeKey {
  ms: number;
  index: number;
}

function isAfter(a: ChangeKey, b: ChangeKey): boolean {
  return a.ms > b.ms || (a.ms === b.ms && a.index > b.index);
}

/** Positions may name a member number the register never issued (a forged cursor): sort it first. */
function indexOfActNo(actNo: number): number {
  return indexForActNo(actNo) ?? -1;
}

function listAll(register: ConsioMemberRegister, request: ListingRequest): ListingPage {
  const start = request.after === null ? 0 : indexOfActNo(request.after.actNo) + 1;
  const removed = register.removedIndexes();
  const indexes: number[] = [];
  let hasMore = false;
  for (let index = start; index < register.issued; index++) {
    if (removed.has(index)) continue;
    if (indexes.length === request.limit) {
      hasMore = true;
      break;
    }
    indexes.push(index);
  }
  const last = indexes.at(-1);
  return {
    indexes,
    next: hasMore && last !== undefined ? { kind: 'all', actNo: actNoForIndex(last) } : null,
    totalCount: register.size,
  };
}

/** The first baseline index whose generated key `accepts`, which must be monotone in the index. */
function firstBaselineIndex(register: ConsioMemberRegister, accepts: (key: ChangeKey) => boolean): number {
  let low = 0;
  let high = register.baselineCount;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (accepts({ ms: register.baselineTimeMs(middle), index: middle })) high = middle;
    else low = middle + 1;
  }
  return low;
}

function countChangedSince(register: ConsioMemberRegister, sinceMs: number): number {
  const first = firstBaselineIndex(register, (key) => key.ms >= sinceMs);
  const inGeneratedRange = (index: number): boolean => index >= first && index < register.baselineCount;
  let count = register.baselineCount - first;
  for (const index of register.removedIndexes()) if (inGeneratedRange(index)) count--;
  for (const [index] of register.stored()) {
    if (inGeneratedRange(index)) count--;
    const ms = register.changedTimeMs(index);
    if (ms !== null && ms >= sinceMs) count++;
  }
  return count;
}

function listChanged(register: ConsioMemberRegister, request: ListingRequest, sinceMs: number): ListingPage {
  const after: ChangeKey | null = request.after?.kind === 'delta' ? { ms: request.after.changedMs, index: indexOfActNo(request.after.actNo) } : null;
  const accepts = (key: ChangeKey): boolean => key.ms >= sinceMs && (after === null || isAfter(key, after));

  // Stored members (changed, joined) are few next to the register: filter and sort them each time.
  const stored: ChangeKey[] = [];
  for (const [index] of register.stored()) {
    const ms = register.changedTimeMs(index);
    if (ms !== null && accepts({ ms, index })) stored.push({ ms, index });
  }
  stored.sort((a, b) => a.ms - b.ms || a.index - b.index);

  // Untouched generated members are already in key order: find the first, then walk on.
  const removed = register.removedIndexes();
  let generated = firstBaselineIndex(register, accepts);
  const peekGenerated = (): ChangeKey | null => {
    while (generated < register.baselineCount && (removed.has(generated) || register.isStored(generated))) generated++;
    return generated < register.baselineCount ? { ms: register.baselineTimeMs(generated), index: generated } : null;
  };

  const keys: ChangeKey[] = [];
  let storedAt = 0;
  let hasMore = false;
  for (;;) {
    const fromGenerated = peekGenerated();
    const fromStored = stored[storedAt] ?? null;
    if (fromGenerated === null && fromStored === null) break;
    if (keys.length === request.limit) {
      hasMore = true;
      break;
    }
    if (fromStored !== null && (fromGenerated === null || isAfter(fromGenerated, fromStored))) {
      keys.push(fromStored);
      storedAt++;
    } else if (fromGenerated !== null) {
      keys.push(fromGenerated);
      generated++;
    }
  }

  const last = keys.at(-1);
  return {
    indexes: keys.map((key) => key.index),
    next: hasMore && last !== undefined ? { kind: 'delta', sinceMs, changedMs: last.ms, actNo: actNoForIndex(last.index) } : null,
    totalCount: countChangedSince(register, sinceMs),
  };
}

export function listMembers(register: ConsioMemberRegister, request: ListingRequest): ListingPage {
  return request.changedSinceMs === null ? listAll(register, request) : listChanged(register, request, request.changedSinceMs);
}
