import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface CornerstoneSimCredentials {
  username: string;
  password: string;
  clientId: string;
  apiKey: string;
}

/** Public demo values: the simulator only listens on 127.0.0.1 and holds synthetic people. */
export const defaultCornerstoneSimCredentials: Readonly<CornerstoneSimCredentials> = Object.freeze({
  username: 'api-demo',
  password: 'demo-passord-2025',
  clientId: 'kommunion-demo-client',
  apiKey: 'cs_demo_7f3c9a1e5b2d4806',
});

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares without leaking the length or the matching prefix through timing. */
export function secretEquals(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Issued bearer tokens: random, checked on every request, and revocable so tests can force a refresh. */
export class TokenStore {
  readonly ttlSeconds: number;
  readonly #expiresAt = new Map<string, number>();

  constructor(ttlSeconds: number) {
    this.ttlSeconds = ttlSeconds;
  }

  issue(): string {
    const token = randomBytes(32).toString('base64url');
    this.#expiresAt.set(token, Date.now() + this.ttlSeconds * 1000);
    return token;
  }

  isValid(token: string): boolean {
    const expiresAt = this.#expiresAt.get(token);
    if (expiresAt === undefined) return false;
    if (expiresAt <= Date.now()) {
      this.#expiresAt.delete(token);
      return false;
    }
    return true;
  }

  revokeAll(): void {
    this.#expiresAt.clear();
  }
}
