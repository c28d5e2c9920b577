import { osloIsoStringMillis } from './oslo-time.ts';

export interface ChangeStamp {
  epochMs: number;
  /** As `lastModified` carries it: Oslo's offset, milliseconds. */
  iso: string;
}

/**
 * Stamps changes with strictly increasing times, a millisecond apart at least. Receivers order
 * changes by `lastModified`; two changes in the same millisecond would tie, and a reordered
 * webhook could then not tell the older record from the newer.
 */
export class ChangeClock {
  #last = 0;

  next(): ChangeStamp {
    const epochMs = Math.max(Date.now(), this.#last + 1);
    this.#last = epochMs;
    return { epochMs, iso: osloIsoStringMillis(epochMs) };
  }
}
