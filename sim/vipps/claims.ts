import type { AccountClaims } from 'oidc-provider/lib/provider.js';
import type { VippsAccount } from './users.ts';

/** Vipps Login's scopes. `delegatedConsents` is left out: the simulator has no consents to delegate. */
export const vippsScopes = ['openid', 'address', 'birthDate', 'email', 'name', 'phoneNumber', 'nin'] as const;

/** Which claims each scope releases (oidc-provider's `claims` setting); null marks protocol claims. */
export const vippsClaimsByScope: Record<string, string[] | null> = {
  acr: null,
  auth_time: null,
  iss: null,
  sid: null,
  openid: ['sub'],
  address: ['address'],
  birthDate: ['birthdate'],
  email: ['email', 'email_verified'],
  name: ['name', 'given_name', 'family_name'],
  phoneNumber: ['phone_number'],
  nin: ['nin'],
};

/**
 * Every claim the account has, in Vipps's shapes; oidc-provider releases only those the granted
 * scopes name. `nin` is withheld from clients that have not been granted access to it, as Vipps
 * requires merchants to apply for it.
 */
export function vippsAccountClaims(account: VippsAccount, ninAllowed: boolean): AccountClaims {
  const { profile } = account;
  const claims: AccountClaims = {
    sub: account.sub,
    name: `${profile.givenName} ${profile.familyName}`,
    given_name: profile.givenName,
    family_name: profile.familyName,
    birthdate: profile.birthDate,
    phone_number: account.phoneNumber,
  };
  if (ninAllowed) claims.nin = profile.nin;
  if (profile.email !== undefined && profile.email !== null) {
    claims.email = profile.email;
    claims.email_verified = true;
  }
  if (profile.address !== undefined && profile.address !== null) {
    const { streetAddress, postalCode, region, country = 'NO' } = profile.address;
    claims.address = {
      address_type: 'home',
      street_address: streetAddress,
      postal_code: postalCode,
      region,
      country,
      formatted: [streetAddress, postalCode, region, country].join('\n'),
    };
  }
  return claims;
}
