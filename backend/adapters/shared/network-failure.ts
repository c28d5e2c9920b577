import { SourceError } from '../member-source.ts';
import type { VendorWording } from './vendor-wording.ts';

const errorCodeKeys = ['code', 'errno'] as const;

/** The system error code (ECONNREFUSED, ENOTFOUND, ...) somewhere in a fetch error's cause chain. */
function networkErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    for (const key of errorCodeKeys) {
      if (key in current) {
        const code: unknown = Reflect.get(current, key);
        if (typeof code === 'string') return code;
      }
    }
    current = 'cause' in current ? current.cause : null;
  }
  return null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.message} ${errorText(error.cause)}` : '';
}

/** A fetch to the vendor that never got an HTTP response. */
export function networkFailure(vendor: VendorWording, error: unknown, url: URL): SourceError {
  const code = networkErrorCode(error) ?? '';
  const text = errorText(error);
  const where = url.host;

  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /dns|name resolution|not known/i.test(text)) {
    return new SourceError(
      'source_unreachable',
      `Could not find the ${vendor.name} server "${url.hostname}". Check the API address in the integration settings and this computer's internet connection.`,
      { actor: 'org_admin', retryable: true, cause: error },
    );
  }
  if (code === 'ECONNREFUSED' || /connection refused/i.test(text)) {
    return new SourceError(
      'source_unreachable',
      `Nothing is answering at ${where}. Check the API address (including the port) in the integration settings; if it is right, ${vendor.name} is down and the sync will try again later.`,
      { actor: 'org_admin', retryable: true, cause: error },
    );
  }
  if (/CERT|TLS|SSL/i.test(code) || /certificate/i.test(text)) {
    return new SourceError(
      'source_unreachable',
      `The secure connection to ${where} could not be verified. Check the API address in the integration settings; if it is right, ${vendor.name}'s certificate is at fault and ${vendor.certificateOwner} must fix it.`,
      { actor: 'vendor', retryable: false, cause: error },
    );
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || /closed|reset/i.test(text)) {
    return new SourceError(
      'source_unreachable',
      `${vendor.name} at ${where} cut the connection before answering. The sync will try again; if this keeps happening, contact ${vendor.support}.`,
      { actor: 'vendor', retryable: true, cause: error },
    );
  }
  return new SourceError(
    'source_unreachable',
    `Could not reach ${vendor.name} at ${where}. Check the API address in the integration settings and this computer's internet connection.`,
    { actor: 'org_admin', retryable: true, cause: error },
  );
}
