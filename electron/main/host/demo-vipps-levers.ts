import type { CornerstoneSim } from '../../../sim/cornerstone/server.ts';
import type { EmbeddedHost } from './embedded-host.ts';

/**
 * The e2e levers on Vipps, the same for the browser shell's fixtures and the Electron shell's
 * hooks: pick a member, log them in with Vipps, and check what the registry holds. The number
 * is compared here and never handed to the test.
 */
export function vippsLevers(host: Pick<EmbeddedHost, 'vipps'>, cornerstone: () => CornerstoneSim) {
  const personAt = (index: number) => {
    const person = host.vipps.personFor('cornerstone', cornerstone().member(index).memberId);
    if (!person) throw new Error(`No demo person behind Cornerstone member ${index}`);
    return person;
  };
  return {
    async candidate(kind: 'writable' | 'birth_date_typo', skip = 0): Promise<number> {
      const index = host.vipps.cornerstoneCandidate(kind, skip);
      if (index === null) throw new Error(`No ${kind} member for a Vipps login`);
      return index;
    },
    // The app links its accounts to member records as members are synced; the demo does it here,
    // before the login, as its own login loop does.
    async login(index: number) {
      await host.vipps.linkMembers();
      return host.vipps.login(personAt(index));
    },
    async registryHoldsVippsNumber(index: number): Promise<boolean> {
      const held = cornerstone().member(index).nationalIdentityNumber;
      return held !== null && held === personAt(index).vipps?.nin;
    },
  };
}
