import { isValidFodselsnummer } from '../../../shared/domain/fodselsnummer.ts';
import { CanonicalMember } from '../../../shared/domain/member.ts';
import { SourceError } from '../member-source.ts';
import { vendorExplanation } from './redaction.ts';
import { vendorFormatFailure } from './vendor-failures.ts';
import type { VendorWording } from './vendor-wording.ts';

/**
 * What both registries' personnummer writes share. The number passes through here in memory only:
 * no message built here names it, and no error carries a response body that might.
 */

/**
 * The number as it is sent: a valid fødselsnummer or D-number, eleven digits. Anything else is
 * refused before a request is made, as the registry would refuse it and our own read would not
 * count it as a personnummer.
 */
export function checkedPersonnummer(vendor: VendorWording, personnummer: string): string {
  if (!isValidFodselsnummer(personnummer)) {
    throw new SourceError(
      'source_rejected_write',
      `The app tried to write an invalid personnummer to ${vendor.name}, so nothing was sent. This points to a fault in the app; report it to the app's operator.`,
      { actor: 'operator', retryable: false },
    );
  }
  return personnummer;
}

/**
 * The registry refused the number (a 422): most often it does not fit the date of birth the
 * registry holds. `vendorText` is the registry's own explanation, quoted only once reduced.
 */
export function personnummerRefusedFailure(vendor: VendorWording, member: string, vendorText: string | null, personnummer: string): SourceError {
  const explanation = vendorText === null ? null : vendorExplanation(vendorText, personnummer);
  const says = explanation === null ? '' : ` ${vendor.name} says: “${explanation}”.`;
  return new SourceError(
    'source_rejected_write',
    `${vendor.name} refused the personnummer for ${member}, so it was not written.${says} Check the member's date of birth in ${vendor.name}: the personnummer must fit it. The number itself is never shown here.`,
    { actor: 'org_admin', retryable: false },
  );
}

/** The member's new change time from the registry's answer, held to the same rule as on read. */
export function writtenAt(vendor: VendorWording, value: unknown): string {
  const parsed = CanonicalMember.shape.sourceUpdatedAt.safeParse(value);
  if (!parsed.success) throw vendorFormatFailure(vendor, 'the answer to a personnummer write has no usable change time');
  return parsed.data;
}
