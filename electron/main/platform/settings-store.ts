import { z } from 'zod';

/**
 * Everything the console may write to disk, as one schema. No member names, contact details
 * or personnummer can be persisted because there is no field to hold them: only the sealed
 * credential key and non-PII sync summaries (health, counts, timestamps, error codes).
 */
export const PersistedSettings = z
  .object({
    credentialKey: z
      .object({ keyId: z.string().min(1), sealed: z.string().min(1) })
      .strict()
      .optional(),
    offlineSummaries: z
      .array(
        z
          .object({
            integrationId: z.uuid(),
            orgName: z.string().max(200),
            system: z.enum(['cornerstone', 'consio']),
            health: z.string().max(40),
            lastSuccessAt: z.string().nullable(),
            memberCount: z.number().int().nonnegative(),
            lastErrorCode: z.string().max(60).nullable(),
            savedAt: z.string(),
          })
          .strict(),
      )
      .max(2_000)
      .optional(),
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
