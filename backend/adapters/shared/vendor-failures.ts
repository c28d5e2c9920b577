import { SourceError } from '../member-source.ts';
import { plural, type VendorWording } from './vendor-wording.ts';

/** The vendor did not answer within the request's deadline. */
export function timeoutFailure(vendor: VendorWording, timeoutMs: number): SourceError {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  return new SourceError(
    'source_timeout',
    `${vendor.name} did not answer within ${plural(seconds, 'second')}. The sync will try again; if this keeps happening, ${vendor.name} may be overloaded and ${vendor.overloadContact} should be told.`,
    { actor: 'vendor', retryable: true },
  );
}

/** The vendor answered, but not in the format this integration was built for. */
export function vendorFormatFailure(vendor: VendorWording, detail: string): SourceError {
  return new SourceError(
    'source_bad_response',
    `${vendor.name} sent an answer the integration cannot read (${detail}). If this keeps happening, contact ${vendor.support}; ${vendor.name}'s API may have changed.`,
    { actor: 'vendor', retryable: false },
  );
}
