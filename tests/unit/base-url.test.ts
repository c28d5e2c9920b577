import { describe, expect, it } from 'vitest';
import { parseBaseUrl } from '../../backend/adapters/shared/base-url.ts';
import { cornerstone } from '../../backend/adapters/cornerstone/vendor.ts';
import { SourceError } from '../../backend/adapters/member-source.ts';

const refusal = (value: string, allowLoopbackHttp = false): string | null => {
  try {
    parseBaseUrl(cornerstone, value, { allowLoopbackHttp });
    return null;
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    expect(error).toMatchObject({ code: 'source_unreachable', actor: 'org_admin', retryable: false });
    return error.message;
  }
};

describe('a registry address', () => {
  it.each(['https://api.cornerstone.example', 'https://api.cornerstone.example/tenant/v1', 'https://93.184.216.34'])('%s is taken', (value) => {
    expect(refusal(value)).toBeNull();
  });

  it.each([
    'https://127.0.0.1',
    'https://localhost:8443',
    'https://api.localhost',
    'https://10.1.2.3',
    'https://172.16.0.1',
    'https://172.31.255.255',
    'https://192.168.1.10',
    'https://169.254.169.254',
    'https://100.64.0.1',
    'https://0.0.0.0',
    'https://[::1]',
    'https://[fd00::1]',
    'https://[fe80::1]',
    'https://[::ffff:10.0.0.1]',
  ])('%s, of this machine or a private network, is refused where the host runs no simulator', (value) => {
    expect(refusal(value)).toMatch(/public address/);
  });

  it('allows this machine over http only where the host runs the simulators itself', () => {
    expect(refusal('http://127.0.0.1:4010', true)).toBeNull();
    expect(refusal('http://127.0.0.1:4010')).toMatch(/https:\/\//);
    expect(refusal('http://api.cornerstone.example', true)).toMatch(/https:\/\//);
  });
});
