import { mixSeed } from '../cornerstone/prng.ts';
import type { ConsioMemberRecord } from './records.ts';

// Its own stream, so which members are invalid does not depend on any other draw.
const invalidSalt = 0x1b_ad_5e_ed;

type Defect = 'missing_surname' | 'impossible_date' | 'unknown_status';
const defects: readonly Defect[] = ['missing_surname', 'impossible_date', 'unknown_status'];

/**
 * Which members are served in a form our model must reject. The choice hangs on a hash of the
 * member number, so the same members are invalid on every page and run, and raising the rate only
 * adds members to the invalid set. Applied as members are served; the stored member stays valid.
 */
export class InvalidRecordPolicy {
  readonly #seed: number;
  #rate = 0;

  constructor(seed: number) {
    this.#seed = seed;
  }

  get rate(): number {
    return this.#rate;
  }

  setRate(rate: number): void {
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new RangeError(`invalid record rate must be 0–1, got ${rate}`);
    this.#rate = rate;
  }

  isInvalid(actNo: number): boolean {
    return this.#rate > 0 && this.#draw(actNo) < this.#rate;
  }

  /** The member as served: unchanged, or with one defect a real register does have. */
  apply(record: ConsioMemberRecord): ConsioMemberRecord {
    if (!this.isInvalid(record.actNo)) return record;
    // Reuses the draw, scaled to the invalid band, so the defect is as stable as the choice.
    const defect = defects[Math.floor((this.#draw(record.actNo) / this.#rate) * defects.length)] ?? 'missing_surname';
    switch (defect) {
      case 'missing_surname':
        return { ...record, surname: '' };
      case 'impossible_date':
        return { ...record, dateOfBirth: `31.02.${record.dateOfBirth.slice(-4)}` };
      case 'unknown_status':
        return { ...record, memberStatus: 'SUSPENDED' };
    }
  }

  #draw(actNo: number): number {
    return mixSeed(this.#seed ^ invalidSalt, actNo) / 4_294_967_296;
  }
}
