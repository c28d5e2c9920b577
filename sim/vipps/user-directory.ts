import { ageOn, minimumVippsLoginAge, osloDate } from './age.ts';
import { vippsSubject } from './subject.ts';
import { normalizeVippsPhoneNumber, VippsTestUserSchema, type VippsAccount, type VippsTestUser } from './users.ts';

/** What became of a batch of test users. */
export interface VippsUserIntake {
  /** Users now held, including any under 15 (a later one replaces an earlier one with the same phone number). */
  added: number;
  /** Of those added, how many are under 15 now, so every login of theirs is refused. */
  refusedUnder15: number;
  /** Users left out because a field is malformed (phone number, nin, birth date, email). */
  invalid: number;
}

/** The simulator's users by phone number (how they log in) and by `sub` (how tokens name them). */
export class VippsUserDirectory {
  readonly #byPhone = new Map<string, VippsAccount>();
  readonly #bySub = new Map<string, VippsAccount>();
  readonly #salesUnit: string;
  readonly #now: () => Date;

  constructor(salesUnit: string, now: () => Date) {
    this.#salesUnit = salesUnit;
    this.#now = now;
  }

  /** Never throws: each user is parsed as untrusted input, and one that cannot be a Vipps user is counted and left out. */
  add(users: readonly VippsTestUser[]): VippsUserIntake {
    const intake: VippsUserIntake = { added: 0, refusedUnder15: 0, invalid: 0 };
    for (const candidate of users) {
      const parsed = VippsTestUserSchema.safeParse(candidate);
      const phoneNumber = parsed.success ? normalizeVippsPhoneNumber(parsed.data.phoneNumber) : null;
      if (!parsed.success || phoneNumber === null) {
        intake.invalid++;
        continue;
      }
      const account: VippsAccount = {
        sub: vippsSubject(this.#salesUnit, phoneNumber),
        phoneNumber,
        profile: Object.freeze({ ...parsed.data }),
      };
      this.#byPhone.set(phoneNumber, account);
      this.#bySub.set(account.sub, account);
      intake.added++;
      if (this.isUnder15(account)) intake.refusedUnder15++;
    }
    return intake;
  }

  /** The user a typed phone number names, in any form `normalizeVippsPhoneNumber` accepts. */
  byPhoneNumber(typed: string): VippsAccount | undefined {
    const phoneNumber = normalizeVippsPhoneNumber(typed);
    return phoneNumber === null ? undefined : this.#byPhone.get(phoneNumber);
  }

  bySub(sub: string): VippsAccount | undefined {
    return this.#bySub.get(sub);
  }

  /** Judged at the simulator's "now", in Oslo. */
  isUnder15(account: VippsAccount): boolean {
    return ageOn(account.profile.birthDate, osloDate(this.#now())) < minimumVippsLoginAge;
  }
}
