import { mixSeed } from './prng.ts';
import { indexForMemberId, type CornerstoneMemberRecord, type CornerstoneWireMember } from './records.ts';

// Independent of the generator's draws, so turning the lever on changes which members are bad, not who they are.
const invalidSalt = 0x1badc0de;
const corruptionSalt = 0x0c0ffee5;

const unitInterval = 4_294_967_296;

/**
 * Serves a fixed share of members in a form our canonical model must reject, the way a real
 * register holds rows nobody has cleaned: no last name, the "unknown" birth date 0000-01-01, a
 * status the integration does not know. Which members, and how each is broken, depends only on
 * (seed, member), so the same members are bad on every page, in every delta and every webhook.
 */
export class InvalidRecordPlan {
  readonly #seed: number;
  #rate = 0;

  constructor(seed: number) {
    this.#seed = seed;
  }

  setRate(rate: number): void {
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new RangeError(`invalid-record rate must be from 0 to 1, got ${rate}`);
    this.#rate = rate;
  }

  isInvalid(index: number): boolean {
    return this.#rate > 0 && mixSeed(this.#seed ^ invalidSalt, index) / unitInterval < this.#rate;
  }

  isInvalidMemberId(memberId: string): boolean {
    const index = indexForMemberId(memberId);
    return index !== null && this.isInvalid(index);
  }

  /** The record as the API serves it. */
  serve(index: number, record: CornerstoneMemberRecord): CornerstoneWireMember {
    if (!this.isInvalid(index)) return record;
    switch (mixSeed(this.#seed ^ corruptionSalt, index) % 3) {
      case 0: {
        const { lastName: _dropped, ...withoutLastName } = record;
        return withoutLastName;
      }
      case 1:
        return { ...record, birthDate: '0000-01-01' };
      default:
        return { ...record, membershipStatus: 'Æresmedlem' };
    }
  }
}
