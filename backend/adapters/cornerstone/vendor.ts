import type { VendorApi } from '../shared/http-exchange.ts';

/** Cornerstone is run by Kommunion, who support it and own its certificate. */
export const cornerstone: VendorApi = {
  name: 'Cornerstone',
  support: 'Kommunion support',
  overloadContact: 'Kommunion',
  certificateOwner: 'Kommunion',
  accept: 'application/json',
};
