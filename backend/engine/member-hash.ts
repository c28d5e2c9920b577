import type { CanonicalMember } from '../../shared/domain/member.ts';

/**
 * A digest of the fields we store, so an unchanged record costs a comparison, not a write.
 * `sourceUpdatedAt` is left out: a source touching a record without changing it is not a change.
 */
export async function memberContentHash(member: CanonicalMember): Promise<string> {
  const fields = [
    member.firstName,
    member.lastName,
    member.email,
    member.phone,
    member.birthDate,
    member.status,
    [...member.roles].sort().join(','),
    member.affiliation?.unitId ?? null,
    member.affiliation?.unitName ?? null,
    member.hasPersonnummer,
  ];
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(fields)));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
