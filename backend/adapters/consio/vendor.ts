import type { VendorApi } from '../shared/http-exchange.ts';

/** Consio runs and supports its own service; errors come as RFC 7807 problem details. */
export const consio: VendorApi = {
  name: 'Consio',
  support: 'Consio support',
  overloadContact: 'Consio support',
  certificateOwner: 'Consio',
  accept: 'application/json, application/problem+json',
};
