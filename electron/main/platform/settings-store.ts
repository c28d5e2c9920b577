import { z } from 'zod';
import { OfflineReview } from '../remote/offline-review.ts';
import { Connection } from '../../../shared/contract/connection.ts';

/**
 * Everything the console may write to disk, as one schema. No member names, contact details
 * or personnummer can be persisted because there is no field to hold them: only the sealed
 * credential key, the chosen connection, the sealed admin session, and non-PII sync summaries
 * (health, counts, timestamps, error codes).
 */
export const PersistedSettings = z
  .object({
    credentialKey: z
      .object({ keyId: z.string().min(1), sealed: z.string().min(1) })
      .strict()
      .optional(),
    /** Where the console works: the embedded demo, or a Supabase project (its URL and anon key are public). */
    connection: Connection.optional(),
    /** The admin's Supabase session, only as keychain ciphertext, by supabase-js's storage key. */
    authSession: z
      .object({ projectUrl: z.string().max(300), values: z.record(z.string().max(100), z.string().min(1).max(20_000)) })
      .strict()
      .optional(),
    /** Non-PII sync summaries, for review when the backend cannot be reached. */
    offlineReview: OfflineReview.optional(),
  })
  .strict();
export type PersistedSettings = z.infer<typeof PersistedSettings>;

/** The persistent key-value store (electron-store in the app, `conf` in Node tests). */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** Reads are `unknown` until parsed: a tampered or outdated file is dropped, not trusted. */
export function readSetting<K extends keyof PersistedSettings>(store: KeyValueStore, key: K): PersistedSettings[K] | undefined {
  const field = PersistedSettings.shape[key];
  const parsed = field.safeParse(store.get(key));
  if (!parsed.success) {
    store.delete(key);
    return undefined;
  }
  return parsed.data as PersistedSettings[K];
}

export function writeSetting<K extends keyof PersistedSettings>(store: KeyValueStore, key: K, value: PersistedSettings[K]): void {
  store.set(key, PersistedSettings.shape[key].parse(value));
}
